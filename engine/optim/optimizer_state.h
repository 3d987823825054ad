#pragma once
// OptimizerState: a host copy of everything an optimizer carries from one step to the next (its
// per-parameter buffers by torch's state names, its step count and scalars), laid out for one
// list of trainable parameters. It is what a checkpoint keeps so that training resumed from it
// takes exactly the steps an uninterrupted run would have taken.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/graph/parameter_store.h"

namespace bp {

enum class OptimizerKind : uint8_t { SGD, Adagrad, Adadelta, RMSprop, Adam, AdamW, NAdam, LBFGS };

// One trainable parameter of the flat layout the state belongs to (in flat order).
struct StateParam {
  std::string name;
  int64_t numel = 0;
  bool operator==(const StateParam&) const = default;
};

struct OptimizerState {
  OptimizerKind kind = OptimizerKind::SGD;
  int64_t steps = 0;
  std::vector<StateParam> layout;                     // the parameters, flat order
  std::map<std::string, std::vector<float>> tensors;  // "exp_avg" -> (P) floats
  std::map<std::string, double> scalars;              // "mu_product", "has_buffer", ...

  bool operator==(const OptimizerState&) const = default;
};

// The trainable parameters of `params` in flat order.
std::vector<StateParam> state_layout_of(const ParameterStore& params);
// Host copy of a device tensor (numel floats) and back into a new tensor of shape (numel).
std::vector<float> download_vector(Backend& backend, const Tensor& t /*(any)*/);
Tensor upload_vector(Backend& backend, const std::vector<float>& values);  // -> (numel)

}  // namespace bp
