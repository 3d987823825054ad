// Optimizer's state save/load and layout bookkeeping, shared by every optimizer.
#include "engine/core/error.h"
#include "engine/optim/optimizer.h"

namespace bp {

void Optimizer::reset() {
  layout_.clear();
  for (auto& [name, tensor] : state_tensors()) *tensor = Tensor();
  load_scalars({});
  steps_ = 0;
}

bool Optimizer::drop_state_if_layout_changed(const ParameterStore& params) {
  if (!layout_.changed(params)) return false;
  for (auto& [name, tensor] : state_tensors()) *tensor = Tensor();
  load_scalars({});
  steps_ = 0;
  return true;
}

OptimizerState Optimizer::state_dict(Backend& backend) {
  OptimizerState s;
  s.kind = kind();
  s.steps = steps_;
  for (const auto& item : layout_.items()) s.layout.push_back({item.name, item.numel});
  for (auto& [name, tensor] : state_tensors())
    if (tensor->defined()) s.tensors[name] = download_vector(backend, *tensor);
  save_scalars(s.scalars);
  return s;
}

void Optimizer::load_state_dict(Backend& backend, const ParameterStore& params,
                                const OptimizerState& state) {
  if (state.kind != kind())
    throw Error("the saved optimizer state belongs to another optimizer; it starts afresh");
  const std::vector<StateParam> layout = state_layout_of(params);
  if (!state.layout.empty() && state.layout != layout)
    throw Error("the saved optimizer state was laid out for other parameters");
  const int64_t n = params.trainable_count();
  auto tensors = state_tensors();
  for (const auto& [name, values] : state.tensors) {
    bool known = false;
    for (auto& t : tensors) known = known || t.first == name;
    if (!known) throw Error("the saved optimizer state has an unknown buffer '" + name + "'");
    if (static_cast<int64_t>(values.size()) != n)
      throw Error("the saved optimizer buffer '" + name + "' has " + std::to_string(values.size()) +
                  " values, the network has " + std::to_string(n) + " parameters");
  }
  // Validated: replace the state.
  layout_.clear();
  if (!state.layout.empty()) layout_.changed(params);  // remember the layout: no reset next step
  for (auto& [name, tensor] : tensors) {
    auto it = state.tensors.find(name);
    *tensor = it == state.tensors.end() ? Tensor() : upload_vector(backend, it->second);
  }
  load_scalars(state.scalars);
  steps_ = state.steps;
}

bool optimizer_state_fits(const OptimizerConfig& config, const OptimizerState& state) {
  if (config.kind != state.kind) return false;
  if (state.tensors.empty()) return true;  // no step taken yet
  auto has = [&](const char* name) { return state.tensors.count(name) > 0; };
  switch (config.kind) {
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
      return config.amsgrad == has("max_exp_avg_sq");
    case OptimizerKind::RMSprop:
      return config.centered == has("grad_avg") &&
             (config.momentum > 0.0f) == has("momentum_buffer");
    default:
      return true;
  }
}

}  // namespace bp
