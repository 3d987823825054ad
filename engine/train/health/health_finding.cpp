#include "engine/train/health/health_finding.h"

namespace bp {

const char* to_string(HealthKind kind) {
  switch (kind) {
    case HealthKind::DeadUnits:
      return "dead-units";
    case HealthKind::SaturatedUnits:
      return "saturated-units";
    case HealthKind::VanishingGradients:
      return "vanishing-gradients";
    case HealthKind::ExplodingGradients:
      return "exploding-gradients";
    case HealthKind::LossPlateau:
      return "loss-plateau";
    case HealthKind::Overfitting:
      return "overfitting";
    case HealthKind::NonFinite:
      return "non-finite";
    case HealthKind::ZeroGradients:
      return "zero-gradients";
  }
  return "unknown";
}

const char* health_title(HealthKind kind) {
  switch (kind) {
    case HealthKind::DeadUnits:
      return "Dead ReLU units";
    case HealthKind::SaturatedUnits:
      return "Saturated units";
    case HealthKind::VanishingGradients:
      return "Vanishing gradients";
    case HealthKind::ExplodingGradients:
      return "Exploding gradients";
    case HealthKind::LossPlateau:
      return "Loss plateau";
    case HealthKind::Overfitting:
      return "Overfitting";
    case HealthKind::NonFinite:
      return "NaN / Inf";
    case HealthKind::ZeroGradients:
      return "Zero gradients";
  }
  return "Unknown";
}

}  // namespace bp
