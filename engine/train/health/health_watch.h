#pragma once
// HealthWatch: the health monitor fed from a live trainer — the gradients the last step left,
// unit activity on a held-out probe batch, the epoch history — for `backprop train` (after every
// epoch) and the tests. Reads only; training goes on exactly as without it.
#include <memory>
#include <vector>

#include "engine/train/health/health_monitor.h"
#include "engine/train/snapshot/insight_builder.h"
#include "engine/train/trainer.h"

namespace bp {

class HealthWatch {
 public:
  // `data` as given to the trainer; loss: the run's; start_step: the trainer's step now (the
  // weights now are the reference for the first update ratios).
  HealthWatch(Model& model, const DatasetSplits& data, LossKind loss, int64_t start_step);

  // Call right after a step (or an epoch): returns the findings that fired now. `last`: the
  // step's result (its loss and whether it was finite / diverged).
  std::vector<HealthFinding> observe(Trainer& trainer, const StepResult& last);
  const HealthReport& report() const { return monitor_.report(); }
  // The gradient norms of the last observation (null before the first).
  const std::shared_ptr<const GradientSnapshot>& gradients() const { return gradients_; }

 private:
  Model& model_;
  InsightBuilder insight_;
  HealthMonitor monitor_;
  std::shared_ptr<const GradientSnapshot> gradients_;
};

}  // namespace bp
