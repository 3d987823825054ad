#pragma once
// torch.optim.Adadelta (Zeiler 2012).
#include "engine/optim/optimizer.h"

namespace bp {

class Adadelta final : public Optimizer {
 public:
  explicit Adadelta(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::Adadelta; }
  void step(Backend& backend, ParameterStore& params) override;

 private:
  std::vector<std::pair<std::string, Tensor*>> state_tensors() override {
    return {{"square_avg", &square_avg_}, {"acc_delta", &acc_delta_}};
  }
  AdadeltaHyper hyper_;
  Tensor square_avg_, acc_delta_;  // (P) each
};

}  // namespace bp
