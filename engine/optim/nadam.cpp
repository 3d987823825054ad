#include "engine/optim/nadam.h"

#include <cmath>

namespace bp {

NadamStepScalars nadam_coefficients(const NadamHyper& h, int64_t step, float& mu_product) {
  const double t = static_cast<double>(step);
  const double beta1 = h.beta1, beta2 = h.beta2, lr = h.lr, decay = h.momentum_decay;
  const double mu = beta1 * (1.0 - 0.5 * std::pow(0.96, t * decay));
  const double mu_next = beta1 * (1.0 - 0.5 * std::pow(0.96, (t + 1.0) * decay));
  // torch 1.13: state['mu_product'] is a float32 tensor; `mu_product *= mu` rounds to float, and
  // mu_product_next = mu_product * mu * mu_next (mu counted twice: torch 1.13's formula, kept to
  // match it).
  const float muf = static_cast<float>(mu);
  mu_product = mu_product * muf;
  const float mu_product_next = (mu_product * muf) * static_cast<float>(mu_next);
  NadamStepScalars s;
  s.bias_correction2 = 1.0 - std::pow(beta2, t);
  s.grad_coef = -lr * (1.0 - mu) / (1.0 - static_cast<double>(mu_product));
  s.exp_avg_coef = (-lr * mu_next) / (1.0 - static_cast<double>(mu_product_next));
  return s;
}

NAdam::NAdam(const OptimizerConfig& config) {
  lr_ = config.lr;
  hyper_.beta1 = config.beta1;
  hyper_.beta2 = config.beta2;
  hyper_.eps = config.eps;
  hyper_.weight_decay = config.weight_decay;
  hyper_.momentum_decay = config.momentum_decay;
}

void NAdam::step(Backend& backend, ParameterStore& params) {
  drop_state_if_layout_changed(params);
  const int64_t n = params.trainable_count();
  if (n == 0) return;
  if (!exp_avg_.defined() || exp_avg_.numel() != n) {
    exp_avg_ = backend.memory().empty({n});
    exp_avg_sq_ = backend.memory().empty({n});
  }
  hyper_.lr = lr_;
  ++steps_;
  const NadamStepScalars s = nadam_coefficients(hyper_, steps_, mu_product_);
  backend.optim().nadam_step(params.values(), params.grads(), exp_avg_, exp_avg_sq_, hyper_, s);
}

}  // namespace bp
