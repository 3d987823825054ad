#pragma once
// InsightSession: what the training worker (or any loop that takes snapshots) keeps for the
// inside-the-network data of a run: the InsightBuilder, the health monitor, and the throttle that
// bounds their cost. Gradient norms, histograms, unit activity and attributions are computed at
// most every kInsightInterval and only as `request` asks (the open views); the health monitor
// runs every kHealthInterval. Snapshots in between share the last results (immutable).
#include <chrono>
#include <memory>

#include "engine/train/health/health_monitor.h"
#include "engine/train/snapshot/insight_builder.h"
#include "engine/train/trainer.h"

namespace bp {

class InsightSession {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kInsightInterval = std::chrono::milliseconds(500);
  static constexpr auto kHealthInterval = std::chrono::milliseconds(1000);

  // The trainer must be the one that trains `model` on `data`.
  InsightSession(Model& model, const DatasetSplits& data, LossKind loss, int64_t start_step);

  // Fills s.gradients, s.distributions, s.activity, s.attribution and s.health. `fresh`: compute
  // now whatever the clock says (a paused run, the end of a run). Gradients are read only when
  // the trainer took a step since the last read (before that, the model holds no step's
  // gradients). Call before anything else that runs a backward pass for the snapshot.
  void fill(Model& model, const Trainer& trainer, const InsightRequest& request, bool fresh,
            TrainingSnapshot& s);
  const HealthReport& health() const { return monitor_.report(); }

 private:
  InsightBuilder builder_;
  HealthMonitor monitor_;
  int64_t gradient_step_;  // the step whose gradients were read last (or the start)
  int attribution_class_ = -2;
  bool probe_gradients_ = false;  // gradients_ are the step-0 probe's
  Clock::time_point last_insight_{}, last_health_{};
  std::shared_ptr<const GradientSnapshot> gradients_;
  std::shared_ptr<const Distributions> distributions_;
  std::shared_ptr<const ActivityProbe> activity_;
  std::shared_ptr<const ClassAttribution> attribution_;
  std::shared_ptr<const HealthReport> health_;
};

}  // namespace bp
