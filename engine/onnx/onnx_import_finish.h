#pragma once
// After the walk: the network tidied into what the editor shows (internal to engine/onnx).
#include <map>
#include <string>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/onnx/onnx_import_convert.h"

namespace bp::onnx_import {

// Removes the nodes the output does not depend on (and their weights).
void prune_unused(NetworkSpec& net, int output_node,
                  std::map<std::string, std::vector<float>>& weights);

// Folds an Activation that is the only consumer of a Linear into the Linear's `activation`
// (the studio's dense layer: "Linear 120 · ReLU"). Returns the (possibly new) output node.
int fuse_activations(NetworkSpec& net, int output_node);

// LayerNorms that no Mul/Add scaled or shifted become affine=false (PyTorch's
// elementwise_affine=False), without weights.
void drop_unused_affine(NetworkSpec& net, const std::map<int, FoldState>& folds,
                        std::map<std::string, std::vector<float>>& weights);

// Top-down rows by longest path from the input, centred on x = 0: the editor's Auto-layout
// (ui/document/commands/auto_layout.cpp) with the same spacing.
void lay_out(NetworkSpec& net);

}  // namespace bp::onnx_import
