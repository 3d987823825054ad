#include "engine/io/pytorch_export_init.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "engine/graph/shape_inference.h"
#include "engine/init/initializers.h"
#include "engine/io/python_literals.h"
#include "engine/nn/layer_factory.h"

namespace bp {
namespace {

std::string tuple(const char* kind, std::vector<double> args) {
  std::string out = "(" + py_string(kind);
  for (double a : args) out += ", " + py_float(a);
  return out + ")";
}

// The distribution of initialize(spec, fan_in, fan_out) as a Python tuple (the same formulas);
// "" for InitKind::Default, which layers resolve before it gets here.
std::string distribution(const InitSpec& spec, int64_t fan_in, int64_t fan_out) {
  const double fan_sum = std::max(1.0, static_cast<double>(fan_in + fan_out));
  switch (spec.kind) {
    case InitKind::Default:
      return "";
    case InitKind::Zeros:
      return tuple("constant", {0.0});
    case InitKind::Constant:
      return tuple("constant", {spec.value});
    case InitKind::Uniform:
      return tuple("uniform", {spec.a, spec.b});
    case InitKind::Normal:
      return tuple("normal", {spec.mean, spec.std});
    case InitKind::XavierUniform: {
      const auto bound = static_cast<float>(std::sqrt(3.0) * spec.gain * std::sqrt(2.0 / fan_sum));
      return tuple("uniform", {-bound, bound});
    }
    case InitKind::XavierNormal:
      return tuple("normal", {0.0, static_cast<float>(spec.gain * std::sqrt(2.0 / fan_sum))});
    case InitKind::KaimingUniform:
    case InitKind::KaimingNormal: {
      const auto fan =
          static_cast<double>(std::max<int64_t>(1, spec.mode == FanMode::FanIn ? fan_in : fan_out));
      const double stddev = calculate_gain(spec.nonlinearity, spec.a) / std::sqrt(fan);
      if (spec.kind == InitKind::KaimingNormal)
        return tuple("normal", {0.0, static_cast<float>(stddev)});
      const auto bound = static_cast<float>(std::sqrt(3.0) * stddev);
      return tuple("uniform", {-bound, bound});
    }
    case InitKind::LecunNormal:
      return tuple("normal", {0.0, static_cast<float>(1.0 / std::sqrt(static_cast<double>(
                                                                std::max<int64_t>(1, fan_in))))});
    case InitKind::Orthogonal:
      return tuple("orthogonal", {spec.gain});
    case InitKind::FanInUniform: {
      const auto bound =
          static_cast<float>(spec.a / static_cast<double>(std::max<int64_t>(1, fan_in)));
      return tuple("uniform", {-bound, bound});
    }
  }
  return "";
}

}  // namespace

std::string pytorch_init_table(const NetworkSpec& network) {
  std::ostringstream py;
  py << "INIT = {  # parameter -> the app's initializer: (kind, arguments)\n";
  const ShapeReport report = infer_shapes(network);
  if (report.ok()) {
    for (const NodeSpec& n : network.nodes) {
      if (n.kind == NodeKind::Input) continue;
      std::vector<Shape> inputs;
      for (int k : network.inputs_of(n.id)) inputs.push_back(*report.nodes.at(k).output);
      for (const ParamDecl& d : make_layer(n)->parameters(inputs)) {
        const std::string init = distribution(d.init, d.fan_in, d.fan_out);
        if (d.trainable && !init.empty())
          py << "    " << py_string(n.name + "." + d.name) << ": " << init << ",\n";
      }
    }
  }
  py << "}\n";
  return py.str();
}

}  // namespace bp
