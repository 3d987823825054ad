#include "engine/compare/trajectory.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/graph/parameter_store.h"

namespace bp {

std::vector<TrajectoryPoint> optimize_test_function(Backend& backend, TestFunction f,
                                                    const OptimizerConfig& config,
                                                    std::array<float, 2> start, int steps,
                                                    double escape) {
  if (config.kind == OptimizerKind::LBFGS)
    throw Error("the trajectories view steps one gradient at a time; L-BFGS is not offered there");
  std::unique_ptr<Optimizer> optimizer = make_optimizer(config);
  // One trainable parameter "xy" of shape (2): weight decay applies to it as to any weight.
  std::vector<ParamEntry> entries(1);
  ParamEntry& entry = entries.front();
  entry.name = "point.xy";
  entry.node_id = 1;
  entry.decl.name = "xy";
  entry.decl.shape = Shape{2};
  entry.decl.trainable = true;
  entry.node_kind = NodeKind::Linear;
  ParameterStore params;
  params.allocate(backend, std::move(entries));
  backend.memory().upload(start.data(), params.values());

  std::vector<TrajectoryPoint> path;
  path.reserve(static_cast<size_t>(steps) + 1);
  std::array<float, 2> p = start;
  for (int k = 0;; ++k) {
    const double loss = test_function_value(f, p[0], p[1]);
    path.push_back({p[0], p[1], loss});
    if (k == steps || !std::isfinite(loss) || !std::isfinite(p[0]) || !std::isfinite(p[1]) ||
        std::fabs(p[0]) > escape || std::fabs(p[1]) > escape)
      break;
    const std::array<double, 2> g = test_function_gradient(f, p[0], p[1]);
    const std::array<float, 2> gf{static_cast<float>(g[0]), static_cast<float>(g[1])};
    backend.memory().upload(gf.data(), params.grads());
    optimizer->step(backend, params);
    backend.memory().download(params.values(), p.data());
  }
  return path;
}

}  // namespace bp
