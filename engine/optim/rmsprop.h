#pragma once
// torch.optim.RMSprop (Hinton, Coursera lecture 6.5, 2012; centered: Graves 2013).
#include "engine/optim/optimizer.h"
#include "engine/optim/state_layout.h"

namespace bp {

class RMSprop final : public Optimizer {
 public:
  explicit RMSprop(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::RMSprop; }
  void step(Backend& backend, ParameterStore& params) override;
  void reset() override;

 private:
  RmspropHyper hyper_;
  StateLayout layout_;
  Tensor square_avg_, grad_avg_, momentum_buffer_;  // (P) each; the last two when used
};

}  // namespace bp
