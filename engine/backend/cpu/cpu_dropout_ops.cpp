// CPU dropout family: masks from the counter-based stream, one draw per element (or per
// channel block for Dropout2d), and the element-wise product that applies them.
#include <algorithm>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/counter_rng.h"

namespace bp {
namespace {

void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian, int64_t channel_size,
                  Tensor& mask) {
  const CounterRng rng(seed, counter);
  const int64_t block = channel_size > 1 ? channel_size : 1;
  const int64_t draws = (mask.numel() + block - 1) / block;
  const float keep_scale = p >= 1.0f ? 0.0f : 1.0f / (1.0f - p);
  const float sigma = gaussian ? std::sqrt(p / (1.0f - p)) : 0.0f;
  float* m = mask.data();
  for (int64_t d = 0; d < draws; ++d) {
    const auto i = static_cast<uint64_t>(d);
    const float v =
        gaussian ? 1.0f + sigma * rng.normal(i) : (rng.uniform(i) >= p ? keep_scale : 0.0f);
    const int64_t end = std::min(mask.numel(), (d + 1) * block);
    for (int64_t k = d * block; k < end; ++k) m[k] = v;
  }
}

class CpuDropoutOps final : public DropoutOps {
 public:
  void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian, int64_t channel_size,
                    Tensor& mask) override {
    bp::dropout_mask(seed, counter, p, gaussian, channel_size, mask);
  }
  // all: same shape (may alias)
  void multiply(const Tensor& x, const Tensor& mask, Tensor& y) override {
    const int64_t n = x.numel();
    const float* a = x.data();
    const float* m = mask.data();
    float* out = y.data();
    for (int64_t i = 0; i < n; ++i) out[i] = a[i] * m[i];
  }
};

}  // namespace

std::unique_ptr<DropoutOps> make_cpu_dropout_ops() {
  return std::make_unique<CpuDropoutOps>();
}

}  // namespace bp
