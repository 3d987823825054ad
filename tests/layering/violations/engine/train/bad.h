#include "ui/views/loss_chart.h"
