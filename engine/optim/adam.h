#pragma once
// torch.optim.Adam (Kingma & Ba 2015; amsgrad: Reddi, Kale & Kumar 2018) and torch.optim.AdamW
// (Loshchilov & Hutter 2019, decoupled weight decay). One class: AdamW is Adam with
// decoupled_weight_decay.
#include "engine/optim/optimizer.h"

namespace bp {

class Adam final : public Optimizer {
 public:
  // decoupled: AdamW's p *= 1 - lr * weight_decay instead of adding weight_decay * p to the grad.
  Adam(const OptimizerConfig& config, bool decoupled);
  OptimizerKind kind() const override {
    return hyper_.decoupled_weight_decay ? OptimizerKind::AdamW : OptimizerKind::Adam;
  }
  void step(Backend& backend, ParameterStore& params) override;

 private:
  std::vector<std::pair<std::string, Tensor*>> state_tensors() override {
    return {
        {"exp_avg", &exp_avg_}, {"exp_avg_sq", &exp_avg_sq_}, {"max_exp_avg_sq", &max_exp_avg_sq_}};
  }
  AdamHyper hyper_;
  Tensor exp_avg_, exp_avg_sq_, max_exp_avg_sq_;  // (P) each; the last with amsgrad
};

}  // namespace bp
