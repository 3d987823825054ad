#pragma once
// The dropout family: masks drawn from the counter-based stream (engine/core/counter_rng.h) and
// the element-wise product that applies them. Dropout, Dropout2d, GaussianDropout and Linear's
// DropConnect all go through these two operations.
#include <cstdint>

#include "engine/core/tensor.h"

namespace bp {

class DropoutOps {
 public:
  virtual ~DropoutOps() = default;

  // Fills mask with the multiplicative dropout mask, drawn from a counter-based generator so
  // every backend produces the same mask for the same (seed, counter):
  //   Bernoulli: mask[i] = (u(seed, counter, i) >= p) / (1 - p)       (inverted dropout)
  //   Gaussian:  mask[i] = 1 + sqrt(p / (1 - p)) * z(seed, counter, i)
  // `channel_size` > 1 shares one draw per (n, c) block of that many elements (Dropout2d).
  // mask: any shape
  virtual void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian,
                            int64_t channel_size, Tensor& mask) = 0;
  // y = x * mask (element-wise; also used for dx = dy * mask).  all: same shape
  virtual void multiply(const Tensor& x, const Tensor& mask, Tensor& y) = 0;
};

}  // namespace bp
