#pragma once
// torch.optim.SGD (momentum: Sutskever et al. 2013; Nesterov as torch formulates it).
#include "engine/optim/optimizer.h"
#include "engine/optim/state_layout.h"

namespace bp {

class SGD final : public Optimizer {
 public:
  explicit SGD(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::SGD; }
  void step(Backend& backend, ParameterStore& params) override;
  void reset() override;

 private:
  SgdHyper hyper_;
  StateLayout layout_;
  Tensor momentum_buffer_;  // (P)
  bool has_buffer_ = false;
};

}  // namespace bp
