#pragma once
// torch.optim.Adagrad (Duchi, Hazan & Singer 2011).
#include "engine/optim/optimizer.h"
#include "engine/optim/state_layout.h"

namespace bp {

class Adagrad final : public Optimizer {
 public:
  explicit Adagrad(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::Adagrad; }
  void step(Backend& backend, ParameterStore& params) override;
  void reset() override;

 private:
  AdagradHyper hyper_;
  float initial_accumulator_value_ = 0.0f;
  StateLayout layout_;
  Tensor state_sum_;  // (P)
};

}  // namespace bp
