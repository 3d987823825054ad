// Plain-loop reference of every DropoutOps operation (see dropout_ops.h for the contracts).
#include "engine/backend/cpu/naive_dropout_ops.h"

#include <cmath>

#include "engine/core/counter_rng.h"

namespace bp {
namespace {

class NaiveDropoutOps final : public DropoutOps {
 public:
  // mask_i = keep_i / (1 - p) with keep_i = [u_i >= p], so E[mask_i] = 1 and E[y] = x in
  // training: the eval-mode identity needs no rescaling (inverted dropout).
  void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian, int64_t channel_size,
                    Tensor& mask) override {
    const CounterRng rng(seed, counter);
    const int64_t block = channel_size > 1 ? channel_size : 1;
    for (int64_t i = 0; i < mask.numel(); ++i) {
      const auto draw = static_cast<uint64_t>(i / block);
      float m;
      if (gaussian)
        m = 1.0f + std::sqrt(p / (1.0f - p)) * rng.normal(draw);
      else
        m = p >= 1.0f ? 0.0f : (rng.uniform(draw) >= p ? 1.0f / (1.0f - p) : 0.0f);
      mask.data()[i] = m;
    }
  }

  // y = x * mask. Its backward is the same operation: dy/dx = mask, so dx = dy * mask
  // (Dropout and DropConnect call it for both passes; the mask is the layer's saved state).
  void multiply(const Tensor& x, const Tensor& mask, Tensor& y) override {
    for (int64_t i = 0; i < x.numel(); ++i) y.data()[i] = x.data()[i] * mask.data()[i];
  }
};

}  // namespace

std::unique_ptr<DropoutOps> make_naive_dropout_ops() {
  return std::make_unique<NaiveDropoutOps>();
}

}  // namespace bp
