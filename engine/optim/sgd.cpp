#include "engine/optim/sgd.h"

namespace bp {

SGD::SGD(const OptimizerConfig& config) {
  lr_ = config.lr;
  hyper_.momentum = config.momentum;
  hyper_.dampening = config.dampening;
  hyper_.weight_decay = config.weight_decay;
  hyper_.nesterov = config.nesterov;
}

void SGD::step(Backend& backend, ParameterStore& params) {
  drop_state_if_layout_changed(params);
  if (params.trainable_count() == 0) return;
  hyper_.lr = lr_;
  Tensor* buf = nullptr;
  bool first = false;
  if (hyper_.momentum != 0.0f) {
    if (!momentum_buffer_.defined() || momentum_buffer_.numel() != params.trainable_count())
      momentum_buffer_ = backend.memory().empty({params.trainable_count()});
    first = !has_buffer_;
    buf = &momentum_buffer_;
  }
  backend.optim().sgd_step(params.values(), params.grads(), buf, hyper_, first);
  has_buffer_ = buf != nullptr;
  ++steps_;
}

}  // namespace bp
