#include "engine/optim/adagrad.h"

namespace bp {

Adagrad::Adagrad(const OptimizerConfig& config) {
  lr_ = config.lr;
  hyper_.lr_decay = config.lr_decay;
  hyper_.weight_decay = config.weight_decay;
  hyper_.eps = config.eps;
  initial_accumulator_value_ = config.initial_accumulator_value;
}

void Adagrad::step(Backend& backend, ParameterStore& params) {
  drop_state_if_layout_changed(params);
  if (params.trainable_count() == 0) return;
  if (!state_sum_.defined() || state_sum_.numel() != params.trainable_count()) {
    state_sum_ = backend.memory().empty({params.trainable_count()});
    backend.memory().fill(state_sum_, initial_accumulator_value_);
  }
  hyper_.lr = lr_;
  ++steps_;
  backend.optim().adagrad_step(params.values(), params.grads(), state_sum_, hyper_, steps_);
}

}  // namespace bp
