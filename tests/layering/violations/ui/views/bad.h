#include "ui/training/training_controller.h"
