#pragma once
// The training-health detectors: each looks at one kind of evidence and appends findings with a
// one-line explanation and a suggestion. Thresholds are named here so a test can read them.
#include <vector>

#include "engine/train/health/health_monitor.h"

namespace bp::health {

inline constexpr double kDeadFraction = 0.5;       // of a ReLU layer's units never active
inline constexpr double kSaturatedFraction = 0.5;  // of a Sigmoid/Tanh layer's units
inline constexpr double kVanishingRatio = 1e-3;    // first / last layer gradient RMS
inline constexpr double kExplodingRatio = 1e3;
inline constexpr double kUpdateRatio = 0.5;    // ||update|| / ||weights|| per step
inline constexpr int kPlateauEpochs = 10;      // epochs without 1 % improvement
inline constexpr double kPlateauHigh = 0.8;    // ... while the loss is still above this share
                                               //     of the first epoch's
inline constexpr int kOverfitEpochs = 5;       // validation loss rising for this long
inline constexpr double kOverfitRise = 1.20;   // 20 % above its best (5-epoch means)
inline constexpr double kOverfitGap = 1.5;     // ... and 1.5x the training loss
inline constexpr double kWeightGrowth = 10.0;  // a weight tensor's norm growing 10-fold

void detect_units(const HealthObservation& o, std::vector<HealthFinding>& out);
void detect_gradients(const HealthObservation& o, std::vector<HealthFinding>& out);
void detect_curves(const HealthObservation& o, std::vector<HealthFinding>& out);
void detect_non_finite(const HealthObservation& o, std::vector<HealthFinding>& out);

}  // namespace bp::health
