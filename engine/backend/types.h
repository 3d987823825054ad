#pragma once
// Closed sets shared by the engine, its backends, the project format and the UI.
// Names follow PyTorch (torch.nn). String conversion lives in engine/graph/names.h (file boundary).
#include <cstdint>

namespace bp {

// Element-wise activations. PReLU (learned slope) and Maxout (k pieces) are layers of their own.
enum class Activation : uint8_t {
  Identity,
  Step,  // Heaviside: 1 if x > 0 else 0; derivative 0 (the perceptron rule trains it)
  Sigmoid,
  Tanh,
  ReLU,
  LeakyReLU,  // negative_slope
  ELU,        // alpha
  SELU,
  GELU,        // exact (erf) form, torch default approximate='none'
  SiLU,        // a.k.a. Swish
  Softplus,    // beta, threshold as torch
  ScaledTanh,  // 1.7159 * tanh(2x/3), LeCun 1989 / "Efficient BackProp": f(+-1) = +-1
};

// ScaledTanh: A * tanh(B * x) (LeCun 1989; LeCun et al., "Efficient BackProp", 1998). The one
// home of the constants: the CPU kernels, the CUDA kernels and the exporters read them here.
inline constexpr float kScaledTanhA = 1.7159f;
inline constexpr float kScaledTanhB = 2.0f / 3.0f;

struct ActivationParams {
  float negative_slope = 0.01f;  // LeakyReLU
  float alpha = 1.0f;            // ELU
  float beta = 1.0f;             // Softplus
  float threshold = 20.0f;       // Softplus: linear above beta*x > threshold

  bool operator==(const ActivationParams&) const = default;
};

enum class LossKind : uint8_t { MSELoss, L1Loss, HuberLoss, BCEWithLogitsLoss, CrossEntropyLoss };

struct LossParams {
  float delta = 1.0f;  // HuberLoss

  bool operator==(const LossParams&) const = default;
};

enum class Mode : uint8_t { Train, Eval };

}  // namespace bp
