#pragma once
// TrainState: everything a run carries from one step to the next besides the weights (which the
// model holds): the optimizer's buffers, the schedule's position, early stopping, the step and
// epoch counters, the random streams, the epoch in progress and the history of finished epochs.
// Weights + TrainState are a checkpoint: continuing from it takes exactly the steps the
// uninterrupted run would have taken (bitwise), in the CLI and in the studio.
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/core/rng.h"
#include "engine/optim/lr_scheduler.h"
#include "engine/optim/optimizer_state.h"
#include "engine/train/early_stopping.h"

namespace bp {

struct Metrics {
  double loss = 0.0;
  double accuracy = -1.0;  // fraction in [0, 1]; -1 for regression
  int64_t samples = 0;

  bool operator==(const Metrics&) const = default;
};

struct EpochRecord {
  int epoch = 0;  // 1-based, counted over the whole history of the weights
  Metrics train, validation;
  float lr = 0.0f;
  double seconds = 0.0;  // wall time of the epoch

  bool operator==(const EpochRecord&) const = default;
};

struct TrainState {
  int64_t step = 0;      // optimizer steps taken (also the dropout stream's position)
  int epoch = 0;         // epochs completed
  int target_epoch = 0;  // the epoch the current run trains to (0: none recorded)
  bool stopped_early = false;
  std::optional<OptimizerState> optimizer;  // none for the perceptron rule
  LrSchedulerState scheduler;
  ScheduleConfig schedule;  // the schedule `scheduler` belongs to
  float base_lr = 0.0f;     // its base learning rate
  std::optional<EarlyStoppingState> early_stopping;
  RngState shuffle_rng, augment_rng;
  // The epoch in progress: the sample order, the position in it and the running train metrics.
  std::vector<int64_t> order;
  int64_t cursor = 0;
  double loss_sum = 0.0;
  int64_t correct = 0, seen = 0;
  double epoch_seconds = 0.0;  // wall time spent in the epoch in progress so far
  // The training loss of the first step of this history: a loss that grows by orders of
  // magnitude over it is a divergence.
  double reference_loss = 0.0;
  bool has_reference_loss = false;
  std::vector<EpochRecord> history;

  bool operator==(const TrainState&) const = default;
};

}  // namespace bp
