#pragma once
// Optimizer trajectories on a 2-D test function, computed by the engine's own optimizer classes
// (make_optimizer) on a ParameterStore holding the two coordinates: the steps the trajectories
// view animates are exactly what SGD, Adam, ... do in training.
#include <array>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/compare/test_functions.h"
#include "engine/optim/optimizer.h"

namespace bp {

struct TrajectoryPoint {
  float x = 0.0f, y = 0.0f;
  double loss = 0.0;  // f(x, y)
};

// points[0] is the start; then one point per step. Stops early when a coordinate or the loss
// becomes non-finite or leaves |coordinate| <= escape (the saddle runs off to infinity).
// Throws bp::Error for L-BFGS (it needs a closure) and invalid hyperparameters.
std::vector<TrajectoryPoint> optimize_test_function(Backend& backend, TestFunction f,
                                                    const OptimizerConfig& config,
                                                    std::array<float, 2> start, int steps,
                                                    double escape = 1e6);

}  // namespace bp
