#pragma once
// make_layer: NodeSpec -> Layer, through the kind's descriptor (engine/graph/layer_descriptor.h).
#include <memory>

#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

// The layers of one palette family, nullptr for other kinds (older tests build one family):
// dense = Core, Activations and Structure groups; conv = Convolution and Regularization.
std::unique_ptr<Layer> make_dense_layer(const NodeSpec& node);
std::unique_ptr<Layer> make_conv_layer(const NodeSpec& node);

// Never null: throws bp::Error for a kind no descriptor builds (Input).
std::unique_ptr<Layer> make_layer(const NodeSpec& node);

}  // namespace bp
