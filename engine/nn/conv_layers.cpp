// PLACEHOLDER — replaced by the convolutional / normalization / dropout layer family.
#include "engine/nn/layer_factory.h"

namespace bp {

std::unique_ptr<Layer> make_conv_layer(const NodeSpec&) { return nullptr; }

}  // namespace bp
