#pragma once
// torch.optim.SGD (momentum: Sutskever et al. 2013; Nesterov as torch formulates it).
#include "engine/optim/optimizer.h"

namespace bp {

class SGD final : public Optimizer {
 public:
  explicit SGD(const OptimizerConfig& config);
  OptimizerKind kind() const override { return OptimizerKind::SGD; }
  void step(Backend& backend, ParameterStore& params) override;

 private:
  std::vector<std::pair<std::string, Tensor*>> state_tensors() override {
    return {{"momentum_buffer", &momentum_buffer_}};
  }
  void save_scalars(std::map<std::string, double>& out) const override {
    out["has_buffer"] = has_buffer_ ? 1.0 : 0.0;
  }
  void load_scalars(const std::map<std::string, double>& in) override {
    auto it = in.find("has_buffer");
    has_buffer_ = it != in.end() && it->second != 0.0;
  }
  SgdHyper hyper_;
  Tensor momentum_buffer_;  // (P)
  bool has_buffer_ = false;
};

}  // namespace bp
