#pragma once
// TrainConfig: everything about a run except the network and the data.
#include <cstdint>

#include "engine/backend/types.h"
#include "engine/optim/lr_scheduler.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/regularization.h"
#include "engine/train/target_mode.h"

namespace bp {

enum class TrainerKind : uint8_t {
  Gradient,    // backprop + an optimizer
  Perceptron,  // Rosenblatt's rule for a single Step-activation Linear layer
};

struct TrainConfig {
  TrainerKind trainer = TrainerKind::Gradient;
  LossKind loss = LossKind::CrossEntropyLoss;
  LossParams loss_params;
  TargetMode target = TargetMode::Auto;  // what the loss compares the output with
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  RegularizationConfig regularization;
  int epochs = 100;
  int batch_size = 10;  // 1: stochastic GD; >= training set size: full-batch GD
  uint64_t seed = 1;    // initial weights, shuffling, dropout
  int threads = 1;

  bool operator==(const TrainConfig&) const = default;
};

}  // namespace bp
