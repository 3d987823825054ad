#pragma once
// Convolutional, pooling, normalization and stochastic-regularization operations, named after
// torch.nn.functional. Same conventions as dense_ops.h: backward OVERWRITES input gradients and
// ACCUMULATES parameter gradients; null pointers skip. Backends may keep internal scratch memory
// (im2col columns, ...) but must not allocate per call once warmed up to a given size.
#include <cstdint>

#include "engine/backend/types.h"
#include "engine/core/tensor.h"

namespace bp {

struct Conv2dGeometry {
  int kernel_h = 3, kernel_w = 3;
  int stride_h = 1, stride_w = 1;
  int pad_h = 0, pad_w = 0;
  int dilation_h = 1, dilation_w = 1;
};

struct Pool2dGeometry {
  int kernel_h = 2, kernel_w = 2;
  int stride_h = 2, stride_w = 2;
  int pad_h = 0, pad_w = 0;
  bool count_include_pad = true;       // AvgPool2d, as torch's default
  int dilation_h = 1, dilation_w = 1;  // MaxPool2d: tap spacing (AvgPool2d has none: 1)
};

class ConvOps {
 public:
  virtual ~ConvOps() = default;

  // x: (N, Cin, H, W)  w: (Cout, Cin, kh, kw)  b: (Cout) or null  y: (N, Cout, Ho, Wo)
  virtual void conv2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                              const Conv2dGeometry& g, Tensor& y) = 0;
  // dx overwrite (N, Cin, H, W); dw += (Cout, Cin, kh, kw); db += (Cout)
  virtual void conv2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                               const Conv2dGeometry& g, Tensor* dx, Tensor* dw, Tensor* db) = 0;

  // Convolution without weight sharing: every output position has its own kernel.
  // x: (N, Cin, H, W)  w: (Ho*Wo, Cout, Cin*kh*kw)  b: (Cout, Ho, Wo) or null  y: (N, Cout, Ho, Wo)
  virtual void locally_connected2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                                           const Conv2dGeometry& g, Tensor& y) = 0;
  virtual void locally_connected2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                                            const Conv2dGeometry& g, Tensor* dx, Tensor* dw,
                                            Tensor* db) = 0;

  // x: (N, C, H, W)  y: (N, C, Ho, Wo); padding counts as -inf. Ties: first maximum.
  virtual void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) = 0;
  virtual void max_pool2d_backward(const Tensor& x, const Tensor& y, const Tensor& dy,
                                   const Pool2dGeometry& g, Tensor& dx) = 0;
  virtual void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) = 0;
  virtual void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) = 0;
  // x: (N, C, H, W)  y: (N, C, Ho, Wo) with torch's adaptive bin edges floor/ceil.
  virtual void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y) = 0;
  virtual void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx) = 0;

  // Batch normalization over all dims but 1.  x, y: (N, C) or (N, C, H, W)
  // gamma, beta, running_mean, running_var: (C); save_mean, save_invstd: (C) scratch for backward.
  // Train: batch statistics, running stats updated with torch's momentum (unbiased variance).
  // Eval: running statistics.
  virtual void batch_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                                  Tensor& running_mean, Tensor& running_var, Mode mode,
                                  float momentum, float eps, Tensor& save_mean, Tensor& save_invstd,
                                  Tensor& y) = 0;
  virtual void batch_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                                   const Tensor& save_invstd, const Tensor& dy, Mode mode,
                                   Tensor* dx, Tensor* dgamma, Tensor* dbeta) = 0;

  // Layer normalization over every dimension but 0.  x, y: (N, D...)  gamma, beta: (D...)
  // save_mean, save_invstd: (N)
  virtual void layer_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                                  float eps, Tensor& save_mean, Tensor& save_invstd, Tensor& y) = 0;
  virtual void layer_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                                   const Tensor& save_invstd, const Tensor& dy, Tensor* dx,
                                   Tensor* dgamma, Tensor* dbeta) = 0;

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
