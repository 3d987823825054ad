#pragma once
// The "neurons" of a dense network as the neuron view draws them: the input features and each
// Linear layer's units, where a unit's output is read after the element-wise layers that follow
// the Linear (its activation, dropout, norm). Empty for networks that are not dense (images).
#include <string>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/graph/shape_inference.h"

namespace bp {

struct DenseLayer {
  int node_id = -1;         // Linear node (or the Input node for layer 0)
  int output_node_id = -1;  // node whose activation shows the units (after activation etc.)
  std::string name;         // node name ("input", "linear1")
  int units = 0;
  int source = -1;          // index of the layer feeding this one (-1 for the input)
  std::string weight_name;  // "linear1.weight" (out, in); "" for the input
};

// Input first, then the Linear layers in topological order.
std::vector<DenseLayer> dense_layers(const NetworkSpec& spec, const ShapeReport& shapes);

}  // namespace bp
