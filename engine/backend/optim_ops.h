#pragma once
// Optimizer update steps over flat parameter buffers, with torch.optim's exact equations.
// The engine's optimizers (engine/optim) keep per-parameter state tensors allocated by the
// backend and call these; host-side scalars (bias corrections, step counts) are passed in.
#include <cstdint>

#include "engine/core/tensor.h"

namespace bp {

struct SgdHyper {
  float lr = 0.01f, momentum = 0.0f, dampening = 0.0f, weight_decay = 0.0f;
  bool nesterov = false;
};

struct AdamHyper {
  float lr = 1e-3f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f, weight_decay = 0.0f;
  bool amsgrad = false;
  bool decoupled_weight_decay = false;  // AdamW
};

class OptimOps {
 public:
  virtual ~OptimOps() = default;

  // torch.optim.SGD. momentum_buf may be null when momentum == 0. first_step: the buffer is
  // initialised to the (decayed) gradient, as torch does.  param, grad, momentum_buf: (P)
  virtual void sgd_step(Tensor& param, const Tensor& grad, Tensor* momentum_buf,
                        const SgdHyper& h, bool first_step) = 0;
  // torch.optim.Adam / AdamW; step counts from 1.  param, grad, exp_avg, exp_avg_sq,
  // max_exp_avg_sq (amsgrad only, else null): (P)
  virtual void adam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                         Tensor* max_exp_avg_sq, const AdamHyper& h, int64_t step) = 0;
};

}  // namespace bp
