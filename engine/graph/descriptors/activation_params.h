#pragma once
// The activation function and its parameters as schema rows, shared by Linear (a fused
// activation) and the Activation node.
#include <vector>

#include "engine/graph/layer_descriptor.h"

namespace bp::descriptor_parts {

inline std::vector<ParamSchema> activation_params(const char* function_tooltip) {
  return {
      {.key = "activation",
       .label = "Activation",
       .tooltip = function_tooltip,
       .field = &LayerParams::activation},
      {.key = "negative_slope",
       .label = "Negative slope",
       .tooltip = "LeakyReLU: the slope for negative inputs (PyTorch: 0.01).",
       .field = &ActivationParams::negative_slope,
       .range = {0.0, 1.0, 0.01, 3},
       .relevant = [](const LayerParams& p) { return p.activation == Activation::LeakyReLU; }},
      {.key = "alpha",
       .label = "Alpha",
       .tooltip = "ELU: the value approached for very negative inputs is -alpha.",
       .field = &ActivationParams::alpha,
       .range = {0.01, 10.0, 0.1, 2},
       .relevant = [](const LayerParams& p) { return p.activation == Activation::ELU; }},
      {.key = "beta",
       .label = "Beta",
       .tooltip = "Softplus: log(1 + exp(beta·x)) / beta; larger beta is closer to ReLU.",
       .field = &ActivationParams::beta,
       .range = {0.1, 100.0, 0.5, 2},
       .relevant = [](const LayerParams& p) { return p.activation == Activation::Softplus; }},
      {.key = "threshold",
       .label = "Threshold",
       .tooltip = "Softplus: above beta·x > threshold it is the identity, for numerical "
                  "stability (PyTorch: 20).",
       .field = &ActivationParams::threshold,
       .range = {0.1, 100.0, 1.0, 2},
       .relevant = [](const LayerParams& p) { return p.activation == Activation::Softplus; }},
  };
}

// Bias, weight and bias initializers: the rows every layer with a connection weight has.
inline std::vector<ParamSchema> weight_params() {
  return {
      {.key = "bias",
       .label = "Bias",
       .tooltip = "Add a learned bias to every output.",
       .field = &LayerParams::bias},
      {.key = "weight_init",
       .label = "Weight init",
       .tooltip = "How the weights start (torch.nn.init). 'default' is what PyTorch does for "
                  "this layer: a uniform distribution scaled by 1/sqrt(fan_in).",
       .field = &LayerParams::weight_init,
       .omit_default = true},
      {.key = "bias_init",
       .label = "Bias init",
       .tooltip = "How the bias starts (torch.nn.init). 'default' is what PyTorch does for "
                  "this layer: a uniform distribution scaled by 1/sqrt(fan_in).",
       .field = &LayerParams::bias_init,
       .relevant = [](const LayerParams& p) { return p.bias; },
       .omit_default = true},
      {.key = "lr_scale",
       .label = "LR scale",
       .tooltip = "Multiplies the learning rate of this layer's weights and bias (1: the "
                  "optimizer's own). LeCun 1989 gave each layer its own rate.",
       .field = &LayerParams::lr_scale,
       .range = {0.0, 100.0, 0.1, 3},
       .omit_default = true},
  };
}

template <class... Lists>
std::vector<ParamSchema> concat(std::vector<ParamSchema> first, const Lists&... rest) {
  (first.insert(first.end(), rest.begin(), rest.end()), ...);
  return first;
}

}  // namespace bp::descriptor_parts
