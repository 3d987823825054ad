#include "engine/optim/adadelta.h"

namespace bp {

Adadelta::Adadelta(const OptimizerConfig& config) {
  lr_ = config.lr;
  hyper_.rho = config.rho;
  hyper_.eps = config.eps;
  hyper_.weight_decay = config.weight_decay;
}

void Adadelta::step(Backend& backend, ParameterStore& params) {
  drop_state_if_layout_changed(params);
  const int64_t n = params.trainable_count();
  if (n == 0) return;
  if (!square_avg_.defined() || square_avg_.numel() != n) {
    square_avg_ = backend.memory().empty({n});
    acc_delta_ = backend.memory().empty({n});
  }
  hyper_.lr = lr_;
  backend.optim().adadelta_step(params.values(), params.grads(), square_avg_, acc_delta_, hyper_);
  ++steps_;
}

}  // namespace bp
