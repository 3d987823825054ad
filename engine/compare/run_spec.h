#pragma once
// RunSpec: one run of a comparison — the network and training config it trains with, and what
// distinguishes it from the others (the varied settings, for legends and summary tables).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/train/train_config.h"

namespace bp {

// The settings a comparison can vary (a closed set; names at the CLI/UI boundary:
// compare_variable_name / parse_compare_variable).
enum class CompareVariable : uint8_t {
  Optimizer,     // kind with its own hyperparameters: "SGD(momentum=0.9,nesterov=true)"
  LearningRate,  // training.optimizer.lr
  BatchSize,     // training.batch_size (the sample order per epoch stays the same)
  Initializer,   // every Linear/Conv weight's init ("kaiming_normal", "xavier_uniform", ...)
  Activation,    // every Activation node's function and every Linear's fused activation
  WeightDecay,   // training.optimizer.weight_decay
  L1,            // training.regularization.l1
  L2,            // training.regularization.l2
  MaxNorm,       // training.regularization.max_norm
  ClipGradNorm,  // training.regularization.clip_grad_norm
  Dropout,       // p of every Dropout/GaussianDropout/Dropout2d node
  Momentum,      // training.optimizer.momentum (SGD, RMSprop)
  Seed,          // training.seed (initial weights and sample order differ: repeats)
};

struct RunSpec {
  std::string label;  // "optimizer=Adam lr=0.01"
  // (variable name, value as written) for each varied setting, in --vary order.
  std::vector<std::pair<std::string, std::string>> settings;
  NetworkSpec network;
  TrainConfig config;
  // The index of the run's configuration without the seed: repeats of one configuration over
  // several seeds share it (summaries take mean and standard deviation over them).
  int config_index = 0;
  // false when this run's initial weights are its own (the initializer is the varied setting):
  // otherwise every run with the same seed starts from bitwise the same weights.
  bool shares_initial_weights = true;
};

}  // namespace bp
