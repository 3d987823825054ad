#include "engine/nn/layer_factory.h"

#include "engine/core/error.h"
#include "engine/graph/layer_descriptor.h"

namespace bp {

std::unique_ptr<Layer> make_layer(const NodeSpec& node) {
  const LayerDescriptor& d = layer_descriptor(node.kind);
  if (!d.make)
    throw Error(std::string("no layer implementation for node kind ") + d.pytorch_name + " ('" +
                node.name + "')");
  return d.make(node.params);
}

namespace {

bool is_conv_family(PaletteGroup g) {
  return g == PaletteGroup::Convolution || g == PaletteGroup::Regularization;
}

}  // namespace

std::unique_ptr<Layer> make_dense_layer(const NodeSpec& node) {
  const LayerDescriptor& d = layer_descriptor(node.kind);
  if (!d.make || is_conv_family(d.group)) return nullptr;
  return d.make(node.params);
}

std::unique_ptr<Layer> make_conv_layer(const NodeSpec& node) {
  const LayerDescriptor& d = layer_descriptor(node.kind);
  if (!d.make || !is_conv_family(d.group)) return nullptr;
  return d.make(node.params);
}

}  // namespace bp
