// PLACEHOLDER — replaced by the dense layer family.
#include "engine/nn/layer_factory.h"

namespace bp {

std::unique_ptr<Layer> make_dense_layer(const NodeSpec&) {
  return nullptr;
}

}  // namespace bp
