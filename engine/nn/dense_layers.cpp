// The dense layer family: make_dense_layer builds the nodes this family owns, nullptr otherwise
// (Input is handled by Model itself).
#include "engine/nn/activation_layer.h"
#include "engine/nn/add_layer.h"
#include "engine/nn/concat_layer.h"
#include "engine/nn/flatten_layer.h"
#include "engine/nn/layer_factory.h"
#include "engine/nn/linear.h"
#include "engine/nn/maxout.h"
#include "engine/nn/prelu.h"
#include "engine/nn/softmax_layer.h"

namespace bp {

std::unique_ptr<Layer> make_dense_layer(const NodeSpec& node) {
  const LayerParams& p = node.params;
  switch (node.kind) {
    case NodeKind::Linear:
      return std::make_unique<Linear>(p);
    case NodeKind::Activation:
      return std::make_unique<ActivationLayer>(p);
    case NodeKind::PReLU:
      return std::make_unique<PReLU>(p);
    case NodeKind::Maxout:
      return std::make_unique<Maxout>(p);
    case NodeKind::Softmax:
      return std::make_unique<SoftmaxLayer>(p);
    case NodeKind::Add:
      return std::make_unique<AddLayer>(p);
    case NodeKind::Concat:
      return std::make_unique<ConcatLayer>(p);
    case NodeKind::Flatten:
      return std::make_unique<FlattenLayer>(p);
    default:
      return nullptr;
  }
}

}  // namespace bp
