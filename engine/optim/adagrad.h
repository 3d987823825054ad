#pragma once
// torch.optim.Adagrad (Duchi, Hazan & Singer 2011).
#include "engine/optim/optimizer.h"

namespace bp {

class Adagrad final : public Optimizer {
 public:
  explicit Adagrad(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::Adagrad; }
  void step(Backend& backend, ParameterStore& params) override;

 private:
  std::vector<std::pair<std::string, Tensor*>> state_tensors() override {
    return {{"sum", &state_sum_}};
  }
  AdagradHyper hyper_;
  float initial_accumulator_value_ = 0.0f;
  Tensor state_sum_;  // (P)
};

}  // namespace bp
