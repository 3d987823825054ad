#include "engine/nn/layer_factory.h"

#include "engine/core/error.h"
#include "engine/graph/names.h"

namespace bp {

std::unique_ptr<Layer> make_layer(const NodeSpec& node) {
  if (auto layer = make_dense_layer(node)) return layer;
  if (auto layer = make_conv_layer(node)) return layer;
  throw Error("no layer implementation for node kind " + to_string(node.kind) + " ('" + node.name +
              "')");
}

}  // namespace bp
