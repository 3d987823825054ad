#pragma once
// HealthMonitor: runs the training-health detectors (health_detectors.h) on what a run shows at
// a step — gradient norms, unit activity on a held-out batch, the epoch history, the loss — and
// remembers what is active, so each finding "fires" once when it appears (the CLI prints it
// then) and stays in report() while it lasts.
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/train/health/health_finding.h"
#include "engine/train/snapshot/insight_types.h"
#include "engine/train/train_state.h"

namespace bp {

struct HealthObservation {
  int64_t step = 0;
  int epoch = 0;
  const NetworkSpec* network = nullptr;               // for the Step-activation explanation
  const GradientSnapshot* gradients = nullptr;        // null: gradient detectors skipped
  const ActivityProbe* activity = nullptr;            // null: unit detectors skipped
  const std::vector<EpochRecord>* history = nullptr;  // finished epochs, oldest first
  bool finite = true;                                 // false: the last loss was NaN / Inf
  bool diverged = false;  // the loss grew by orders of magnitude (StepResult::diverged)
  double loss = 0.0;      // the last mini-batch loss
};

class HealthMonitor {
 public:
  // Runs every detector; returns the findings that were not active at the previous observation.
  std::vector<HealthFinding> observe(const HealthObservation& o);
  const HealthReport& report() const { return report_; }
  void reset() { report_ = {}; }

 private:
  HealthReport report_;
};

}  // namespace bp
