#include "engine/optim/rmsprop.h"

namespace bp {

RMSprop::RMSprop(const OptimizerConfig& config) {
  lr_ = config.lr;
  hyper_.alpha = config.alpha;
  hyper_.eps = config.eps;
  hyper_.weight_decay = config.weight_decay;
  hyper_.momentum = config.momentum;
  hyper_.centered = config.centered;
}

void RMSprop::step(Backend& backend, ParameterStore& params) {
  drop_state_if_layout_changed(params);
  const int64_t n = params.trainable_count();
  if (n == 0) return;
  if (!square_avg_.defined() || square_avg_.numel() != n) {
    square_avg_ = backend.memory().empty({n});
    if (hyper_.centered) grad_avg_ = backend.memory().empty({n});
    if (hyper_.momentum > 0.0f) momentum_buffer_ = backend.memory().empty({n});
  }
  hyper_.lr = lr_;
  backend.optim().rmsprop_step(params.values(), params.grads(), square_avg_,
                               hyper_.centered ? &grad_avg_ : nullptr,
                               hyper_.momentum > 0.0f ? &momentum_buffer_ : nullptr, hyper_);
  ++steps_;
}

}  // namespace bp
