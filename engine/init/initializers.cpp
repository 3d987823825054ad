// PLACEHOLDER — replaced by torch.nn.init's initializers.
#include "engine/init/initializers.h"

#include "engine/core/error.h"

namespace bp {

float calculate_gain(Nonlinearity, float) { return 1.0f; }

void initialize(std::span<float> out, const Shape&, const InitSpec&, int64_t, int64_t, Rng&) {
  for (auto& v : out) v = 0.0f;
}

}  // namespace bp
