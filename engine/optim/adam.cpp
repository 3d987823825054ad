#include "engine/optim/adam.h"

namespace bp {

Adam::Adam(const OptimizerConfig& config, bool decoupled) {
  lr_ = config.lr;
  hyper_.beta1 = config.beta1;
  hyper_.beta2 = config.beta2;
  hyper_.eps = config.eps;
  hyper_.weight_decay = config.weight_decay;
  hyper_.amsgrad = config.amsgrad;
  hyper_.decoupled_weight_decay = decoupled;
}

void Adam::step(Backend& backend, ParameterStore& params) {
  drop_state_if_layout_changed(params);
  const int64_t n = params.trainable_count();
  if (n == 0) return;
  if (!exp_avg_.defined() || exp_avg_.numel() != n) {
    exp_avg_ = backend.memory().empty({n});
    exp_avg_sq_ = backend.memory().empty({n});
    if (hyper_.amsgrad) max_exp_avg_sq_ = backend.memory().empty({n});
  }
  hyper_.lr = lr_;
  ++steps_;
  backend.optim().adam_step(params.values(), params.grads(), exp_avg_, exp_avg_sq_,
                            hyper_.amsgrad ? &max_exp_avg_sq_ : nullptr, hyper_, steps_);
}

}  // namespace bp
