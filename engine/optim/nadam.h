#pragma once
// torch.optim.NAdam (Dozat 2016, "Incorporating Nesterov Momentum into Adam"), with torch 1.13's
// momentum schedule mu_t = beta1 (1 - 0.5 * 0.96^(t * momentum_decay)) and its float32 mu product.
#include "engine/optim/optimizer.h"

namespace bp {

// The host-side scalars of NAdam step `step` (1-based). `mu_product` is the float32 running
// product of mu_1..mu_{step-1} on entry and of mu_1..mu_step on return, as torch keeps it.
NadamStepScalars nadam_coefficients(const NadamHyper& h, int64_t step, float& mu_product);

class NAdam final : public Optimizer {
 public:
  explicit NAdam(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::NAdam; }
  void step(Backend& backend, ParameterStore& params) override;

 private:
  std::vector<std::pair<std::string, Tensor*>> state_tensors() override {
    return {{"exp_avg", &exp_avg_}, {"exp_avg_sq", &exp_avg_sq_}};
  }
  void save_scalars(std::map<std::string, double>& out) const override {
    out["mu_product"] = static_cast<double>(mu_product_);
  }
  void load_scalars(const std::map<std::string, double>& in) override {
    auto it = in.find("mu_product");
    mu_product_ = it == in.end() ? 1.0f : static_cast<float>(it->second);
  }
  NadamHyper hyper_;
  Tensor exp_avg_, exp_avg_sq_;  // (P) each
  float mu_product_ = 1.0f;
};

}  // namespace bp
