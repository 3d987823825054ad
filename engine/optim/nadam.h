#pragma once
// torch.optim.NAdam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), with torch 1.13's
// momentum schedule mu_t = beta1 (1 - 0.5 * 0.96^(t * momentum_decay)) and its float32 mu product.
#include "engine/optim/optimizer.h"
#include "engine/optim/state_layout.h"

namespace bp {

// The host-side scalars of NAdam step `step` (1-based). `mu_product` is the float32 running
// product of mu_1..mu_{step-1} on entry and of mu_1..mu_step on return, as torch keeps it.
NadamStepScalars nadam_coefficients(const NadamHyper& h, int64_t step, float& mu_product);

class NAdam final : public Optimizer {
 public:
  explicit NAdam(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::NAdam; }
  void step(Backend& backend, ParameterStore& params) override;
  void reset() override;

 private:
  NadamHyper hyper_;
  StateLayout layout_;
  Tensor exp_avg_, exp_avg_sq_;  // (P) each
  float mu_product_ = 1.0f;
};

}  // namespace bp
