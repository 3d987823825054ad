#pragma once
// Normalization operations (torch.nn.functional.batch_norm / layer_norm). Same conventions as
// dense_ops.h: backward OVERWRITES dx and ACCUMULATES dgamma/dbeta; null pointers skip.
#include "engine/backend/types.h"
#include "engine/core/tensor.h"

namespace bp {

class NormOps {
 public:
  virtual ~NormOps() = default;

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
};

}  // namespace bp
