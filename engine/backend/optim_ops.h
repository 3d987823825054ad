#pragma once
// Optimizer update steps over flat parameter buffers, with torch.optim's exact equations
// (PyTorch 1.13, single-tensor path). The engine's optimizers (engine/optim) keep per-parameter
// state tensors allocated by the backend and call these; host-side scalars (bias corrections,
// step counts, NAdam's mu product) are computed by the caller and passed in.
// Every tensor argument is a flat (P) buffer; all of one call have the same numel.
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

struct AdagradHyper {
  float lr = 1e-2f, lr_decay = 0.0f, weight_decay = 0.0f, eps = 1e-10f;
};

struct AdadeltaHyper {
  float lr = 1.0f, rho = 0.9f, eps = 1e-6f, weight_decay = 0.0f;
};

struct RmspropHyper {
  float lr = 1e-2f, alpha = 0.99f, eps = 1e-8f, weight_decay = 0.0f, momentum = 0.0f;
  bool centered = false;
};

struct NadamHyper {
  float lr = 2e-3f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f, weight_decay = 0.0f;
  float momentum_decay = 4e-3f;
};

// NAdam's host-side coefficients for one step (see nadam_coefficients in engine/optim/nadam.h).
struct NadamStepScalars {
  double grad_coef = 0.0;         // -lr (1 - mu_t) / (1 - mu_product_t)
  double exp_avg_coef = 0.0;      // -lr mu_{t+1} / (1 - mu_product_next)
  double bias_correction2 = 1.0;  // 1 - beta2^t
};

class OptimOps {
 public:
  virtual ~OptimOps() = default;

  // torch.optim.SGD. momentum_buf may be null when momentum == 0. first_step: the buffer is
  // initialised to the (decayed) gradient, as torch does.  param, grad, momentum_buf: (P)
  virtual void sgd_step(Tensor& param, const Tensor& grad, Tensor* momentum_buf, const SgdHyper& h,
                        bool first_step) = 0;
  // torch.optim.Adam / AdamW; step counts from 1.  param, grad, exp_avg, exp_avg_sq,
  // max_exp_avg_sq (amsgrad only, else null): (P)
  virtual void adam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                         Tensor* max_exp_avg_sq, const AdamHyper& h, int64_t step) = 0;
  // torch.optim.Adagrad; step counts from 1; state_sum starts at initial_accumulator_value.
  // param, grad, state_sum: (P)
  virtual void adagrad_step(Tensor& param, const Tensor& grad, Tensor& state_sum,
                            const AdagradHyper& h, int64_t step) = 0;
  // torch.optim.Adadelta.  param, grad, square_avg, acc_delta: (P), states start at zero
  virtual void adadelta_step(Tensor& param, const Tensor& grad, Tensor& square_avg,
                             Tensor& acc_delta, const AdadeltaHyper& h) = 0;
  // torch.optim.RMSprop. grad_avg only when centered, momentum_buf only when momentum > 0
  // (else null); states start at zero.  param, grad, square_avg, grad_avg, momentum_buf: (P)
  virtual void rmsprop_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor* grad_avg,
                            Tensor* momentum_buf, const RmspropHyper& h) = 0;
  // torch.optim.NAdam with host-computed coefficients.  param, grad, exp_avg, exp_avg_sq: (P)
  virtual void nadam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                          const NadamHyper& h, const NadamStepScalars& s) = 0;

  // Regularization helpers (engine/optim/regularization.cpp).
  // grad += l1 * sign(w) + l2 * w; returns l1 * sum|w| + l2 / 2 * sum w^2 (in double).
  // w, grad: (P) the same entry's value and gradient views
  virtual double weight_penalty(const Tensor& w, Tensor& grad, float l1, float l2) = 0;
  // torch.renorm(w, p=2, dim=0, maxnorm=c): every row whose 2-norm exceeds c is scaled by
  // c / (norm + 1e-7).  w: (rows, cols) viewed flat, rows * cols == w.numel()
  virtual void renorm_rows(Tensor& w, int64_t rows, float c) = 0;

  // Vector helpers of LBFGS (engine/optim/lbfgs.cpp), accumulated in double.
  // sum_i a[i] b[i].  a, b: (P)
  virtual double dot(const Tensor& a, const Tensor& b) = 0;
  // max_i |t[i]| (0 for an empty tensor).  t: (P)
  virtual double max_abs(const Tensor& t) = 0;
};

}  // namespace bp
