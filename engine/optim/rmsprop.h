#pragma once
// torch.optim.RMSprop (Hinton, Coursera lecture 6.5, 2012; centered: Graves 2013).
#include "engine/optim/optimizer.h"

namespace bp {

class RMSprop final : public Optimizer {
 public:
  explicit RMSprop(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::RMSprop; }
  void step(Backend& backend, ParameterStore& params) override;

 private:
  std::vector<std::pair<std::string, Tensor*>> state_tensors() override {
    return {{"square_avg", &square_avg_},
            {"grad_avg", &grad_avg_},
            {"momentum_buffer", &momentum_buffer_}};
  }
  RmspropHyper hyper_;
  Tensor square_avg_, grad_avg_, momentum_buffer_;  // (P) each; the last two when used
};

}  // namespace bp
