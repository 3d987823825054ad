// Penalties, clipping and max-norm around the optimizer step (torch.nn.utils semantics).
#include "engine/optim/regularization.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/graph/layer_descriptor.h"

namespace bp {

bool is_penalized_weight(const ParamEntry& entry) {
  if (!entry.decl.trainable || entry.decl.name != "weight") return false;
  if (entry.node_kind == NodeKind::Input)
    // Not set (a store built by hand): a "weight" of rank >= 2 is a connection weight; norm
    // and PReLU "weight"s are vectors.
    return entry.decl.shape.rank() >= 2;
  return layer_descriptor(entry.node_kind).penalized_weight;
}

double apply_weight_penalties(Backend& backend, ParameterStore& params,
                              const RegularizationConfig& config) {
  if (!(config.l1 >= 0.0f) || !(config.l2 >= 0.0f))
    throw Error("regularization: l1 and l2 must be >= 0");
  if (config.l1 == 0.0f && config.l2 == 0.0f) return 0.0;
  double penalty = 0.0;
  for (const auto& e : params.entries()) {
    if (!is_penalized_weight(e)) continue;
    Tensor w = params.value(e);  // (numel) view
    Tensor g = params.grad(e);
    penalty += backend.optim().weight_penalty(w, g, config.l1, config.l2);
  }
  return penalty;
}

double clip_grad_norm(Backend& backend, ParameterStore& params, float max_norm) {
  if (!(max_norm > 0.0f)) throw Error("clip_grad_norm: max_norm must be > 0");
  // torch: total_norm = norm(stack([norm(g) for g in grads])) = sqrt(sum of all squares).
  const double total_norm = std::sqrt(backend.memory().sum_squares(params.grads()));
  // torch: clip_coef = max_norm / (total_norm + 1e-6), applied when clip_coef < 1 (float32).
  const float clip_coef = static_cast<float>(static_cast<double>(max_norm) / (total_norm + 1e-6));
  if (clip_coef < 1.0f) backend.memory().scale(params.grads(), clip_coef);
  return total_norm;
}

void clip_grad_value(Backend& backend, ParameterStore& params, float clip_value) {
  if (!(clip_value > 0.0f)) throw Error("clip_grad_value: clip_value must be > 0");
  backend.memory().clamp(params.grads(), -clip_value, clip_value);
}

void apply_max_norm(Backend& backend, ParameterStore& params, float c) {
  if (!(c > 0.0f)) throw Error("max_norm: the limit must be > 0");
  for (const auto& e : params.entries()) {
    if (!is_penalized_weight(e)) continue;
    Tensor w = params.value(e);
    // Linear (out, in): one row per neuron. Conv2d (Cout, Cin, kh, kw): one row per output
    // channel. LocallyConnected2d (Ho*Wo, Cout, K): one row per (position, channel) neuron.
    const Shape& s = e.decl.shape;
    int64_t rows = s[0];
    if (e.node_kind == NodeKind::LocallyConnected2d && s.rank() == 3) rows = s[0] * s[1];
    backend.optim().renorm_rows(w, rows, c);
  }
}

}  // namespace bp
