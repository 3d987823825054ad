#include "engine/train/health/health_monitor.h"

#include <algorithm>

#include "engine/train/health/health_detectors.h"

namespace bp {

std::vector<HealthFinding> HealthMonitor::observe(const HealthObservation& o) {
  std::vector<HealthFinding> now;
  health::detect_non_finite(o, now);
  health::detect_gradients(o, now);
  health::detect_units(o, now);
  health::detect_curves(o, now);
  for (HealthFinding& f : now) {
    f.step = o.step;
    f.epoch = o.epoch;
  }
  std::vector<HealthFinding> fired;
  for (const HealthFinding& f : now) {
    const bool was = std::any_of(report_.active.begin(), report_.active.end(),
                                 [&](const HealthFinding& a) { return a.same_as(f); });
    if (!was) fired.push_back(f);
  }
  // Detectors without evidence this time keep their findings (e.g. no activity probe).
  std::vector<HealthFinding> keep;
  for (const HealthFinding& a : report_.active) {
    const bool evidence =
        (a.kind == HealthKind::DeadUnits || a.kind == HealthKind::SaturatedUnits)
            ? o.activity != nullptr
        : (a.kind == HealthKind::VanishingGradients || a.kind == HealthKind::ExplodingGradients ||
           a.kind == HealthKind::ZeroGradients)
            ? o.gradients != nullptr
        : (a.kind == HealthKind::LossPlateau || a.kind == HealthKind::Overfitting)
            ? o.history != nullptr
            : true;
    const bool again =
        std::any_of(now.begin(), now.end(), [&](const HealthFinding& f) { return f.same_as(a); });
    if (!evidence && !again) keep.push_back(a);
  }
  report_.step = o.step;
  report_.active = std::move(now);
  report_.active.insert(report_.active.end(), keep.begin(), keep.end());
  return fired;
}

}  // namespace bp
