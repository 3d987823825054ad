#pragma once
// How a parameter tensor is initialised: torch.nn.init's vocabulary.
#include <cstdint>

namespace bp {

enum class InitKind : uint8_t {
  Default,  // what PyTorch does for this layer when none is chosen
  Zeros,
  Constant,        // value
  Uniform,         // a, b
  Normal,          // mean, std
  XavierUniform,   // gain
  XavierNormal,    // gain
  KaimingUniform,  // a (negative slope), mode, nonlinearity
  KaimingNormal,   // a, mode, nonlinearity
  LecunNormal,     // std = 1/sqrt(fan_in)
  Orthogonal,      // gain
  FanInUniform,    // U(-a / fan_in, a / fan_in): LeCun 1989 used a = 2.4
};

enum class FanMode : uint8_t { FanIn, FanOut };

// torch.nn.init.calculate_gain's nonlinearities.
enum class Nonlinearity : uint8_t { Linear, Sigmoid, Tanh, ReLU, LeakyReLU, SELU };

struct InitSpec {
  InitKind kind = InitKind::Default;
  // FanInUniform reads `a` (the bound times fan_in).
  float value = 0.0f;             // Constant
  float a = 0.0f, b = 1.0f;       // Uniform bounds; Kaiming: a is the negative slope
  float mean = 0.0f, std = 1.0f;  // Normal
  float gain = 1.0f;              // Xavier, Orthogonal
  FanMode mode = FanMode::FanIn;  // Kaiming
  Nonlinearity nonlinearity = Nonlinearity::LeakyReLU;  // Kaiming (torch default)

  bool operator==(const InitSpec&) const = default;
};

}  // namespace bp
