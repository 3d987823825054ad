#pragma once
// HealthFinding: one thing a training-health detector noticed, with a one-line explanation and a
// concrete suggestion, for the health panel, the status-bar badge and `backprop train`.
#include <cstdint>
#include <string>
#include <vector>

namespace bp {

enum class HealthKind : uint8_t {
  DeadUnits,           // ReLU units that are never active on the held-out probe batch
  SaturatedUnits,      // Sigmoid / Tanh units stuck at their ends
  VanishingGradients,  // the first layer's gradient is tiny next to the last layer's
  ExplodingGradients,  // the first layer's gradient is huge next to the last's, or updates are
  LossPlateau,         // the training loss stopped improving while still high
  Overfitting,         // validation loss rising while training loss falls
  NonFinite,           // the loss became NaN / Inf or grew by orders of magnitude
  ZeroGradients,       // no gradient reaches some (or all) layers
};

enum class HealthSeverity : uint8_t { Warning, Error };

struct HealthFinding {
  HealthKind kind = HealthKind::DeadUnits;
  HealthSeverity severity = HealthSeverity::Warning;
  std::string layer;  // the layer it concerns ("fc1"); "" for the whole network
  int64_t step = 0;   // global step when it was observed
  int epoch = 0;
  double value = 0.0;      // the measured quantity (a fraction, a ratio, a loss)
  std::string message;     // one line: what is wrong, with the numbers
  std::string suggestion;  // one line: what to try

  // The same finding for the purpose of "it fires once": kind and layer.
  bool same_as(const HealthFinding& o) const { return kind == o.kind && layer == o.layer; }
};

// Short stable name of a kind ("dead-units"), for the CLI and exports.
const char* to_string(HealthKind kind);
// Human title ("Dead ReLU units").
const char* health_title(HealthKind kind);

struct HealthReport {
  int64_t step = 0;
  std::vector<HealthFinding> active;  // what the detectors see now
};

}  // namespace bp
