// Every element-wise activation as ONNX opset 13 operators, written as the engine computes it
// (engine/backend/types.h): where opset 13 has no operator (GELU, SiLU, the step, Softplus with
// beta and threshold) it is decomposed into ones every consumer reads.
#include <cmath>

#include "engine/graph/onnx_export_hook.h"

namespace bp {

namespace {

std::string scalar(OnnxGraph& g, const char* hint, float v) {
  return g.constant(hint, {}, {v});
}

}  // namespace

std::string onnx_activation(OnnxGraph& g, Activation f, const ActivationParams& a,
                            const std::string& x) {
  switch (f) {
    case Activation::Identity:
      return x;
    case Activation::Step: {  // 1 where x > 0, else 0
      const std::string positive = g.node("Greater", {x, scalar(g, "zero", 0.0f)});
      return g.node("Cast", {positive}, {{"to", int64_t{1}}});  // 1 = FLOAT
    }
    case Activation::Sigmoid:
      return g.node("Sigmoid", {x});
    case Activation::Tanh:
      return g.node("Tanh", {x});
    case Activation::ScaledTanh: {  // LeCun's 1.7159 tanh(2x/3)
      const std::string t =
          g.node("Tanh", {g.node("Mul", {x, scalar(g, "two_thirds", kScaledTanhB)})});
      return g.node("Mul", {t, scalar(g, "lecun_a", kScaledTanhA)});
    }
    case Activation::ReLU:
      return g.node("Relu", {x});
    case Activation::LeakyReLU:
      return g.node("LeakyRelu", {x}, {{"alpha", a.negative_slope}});
    case Activation::ELU:
      return g.node("Elu", {x}, {{"alpha", a.alpha}});
    case Activation::SELU:  // ONNX's default alpha and gamma are torch's constants
      return g.node("Selu", {x});
    case Activation::GELU: {  // exact form: x * 0.5 * (1 + erf(x / sqrt(2)))
      const std::string e =
          g.node("Erf", {g.node("Div", {x, scalar(g, "sqrt2", std::sqrt(2.0f))})});
      const std::string half = g.node("Mul", {x, scalar(g, "half", 0.5f)});
      return g.node("Mul", {half, g.node("Add", {e, scalar(g, "one", 1.0f)})});
    }
    case Activation::SiLU:
      return g.node("Mul", {x, g.node("Sigmoid", {x})});
    case Activation::Softplus: {  // log(1 + exp(beta x)) / beta, x where beta x > threshold
      const std::string bx = g.node("Mul", {x, scalar(g, "beta", a.beta)});
      const std::string soft = g.node("Div", {g.node("Softplus", {bx}), scalar(g, "beta", a.beta)});
      const std::string linear = g.node("Greater", {bx, scalar(g, "threshold", a.threshold)});
      return g.node("Where", {linear, x, soft});
    }
  }
  return x;
}

}  // namespace bp
