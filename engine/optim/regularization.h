#pragma once
// Regularizers applied around the optimizer step (torch.nn.utils semantics where torch has one).
#include <cstdint>

#include "engine/backend/backend.h"
#include "engine/graph/parameter_store.h"

namespace bp {

struct EarlyStoppingConfig {
  bool enabled = false;
  int patience = 10;
  float min_delta = 0.0f;  // an improvement must beat the best by more than this
  bool restore_best = true;

  bool operator==(const EarlyStoppingConfig&) const = default;
};

struct RegularizationConfig {
  float l1 = 0.0f;               // + l1 * sum |w| over weights (not biases, not norm params)
  float l2 = 0.0f;               // + l2/2 * sum w^2 over weights (gradient l2 * w)
  float max_norm = 0.0f;         // 0: off; else each neuron's incoming weight vector is rescaled
  float clip_grad_norm = 0.0f;   // 0: off; torch.nn.utils.clip_grad_norm_(max_norm, p=2)
  float clip_grad_value = 0.0f;  // 0: off; torch.nn.utils.clip_grad_value_
  EarlyStoppingConfig early_stopping;

  bool operator==(const RegularizationConfig&) const = default;
};

// Whether an entry is a "weight" the penalties and max-norm apply to (Linear/Conv weights).
bool is_penalized_weight(const ParamEntry& entry);

// Adds the L1/L2 penalty gradients to params.grads() and returns the penalty term (to report
// it with the loss).
double apply_weight_penalties(Backend& backend, ParameterStore& params,
                              const RegularizationConfig& config);
// Returns the total gradient norm before clipping (as torch does).
double clip_grad_norm(Backend& backend, ParameterStore& params, float max_norm);
void clip_grad_value(Backend& backend, ParameterStore& params, float clip_value);
// After the optimizer step: rescales rows of weight matrices whose L2 norm exceeds c.
void apply_max_norm(Backend& backend, ParameterStore& params, float c);

}  // namespace bp
