#include "engine/train/trainer.h"
