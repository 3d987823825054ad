#pragma once
// torch.optim.Adadelta (Zeiler 2012).
#include "engine/optim/optimizer.h"
#include "engine/optim/state_layout.h"

namespace bp {

class Adadelta final : public Optimizer {
 public:
  explicit Adadelta(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::Adadelta; }
  void step(Backend& backend, ParameterStore& params) override;
  void reset() override;

 private:
  AdadeltaHyper hyper_;
  StateLayout layout_;
  Tensor square_avg_, acc_delta_;  // (P) each
};

}  // namespace bp
