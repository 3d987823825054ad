#pragma once
// make_layer: NodeSpec -> Layer. Each layer family provides a maker that returns nullptr for
// kinds it does not own; make_layer asks each in turn.
#include <memory>

#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

// Input, Linear, Activation, PReLU, Maxout, Softmax, Add, Concat, Flatten
std::unique_ptr<Layer> make_dense_layer(const NodeSpec& node);
// Conv2d, LocallyConnected2d, pools, BatchNorm1d/2d, LayerNorm, Dropout, GaussianDropout,
// Dropout2d
std::unique_ptr<Layer> make_conv_layer(const NodeSpec& node);

// Never null: throws bp::Error for a kind no family builds.
std::unique_ptr<Layer> make_layer(const NodeSpec& node);

}  // namespace bp
