// The convolutional / pooling / normalization / dropout layer family.
#include "engine/nn/batch_norm.h"
#include "engine/nn/conv2d.h"
#include "engine/nn/dropout.h"
#include "engine/nn/layer_factory.h"
#include "engine/nn/layer_norm.h"
#include "engine/nn/locally_connected2d.h"
#include "engine/nn/pool2d.h"

namespace bp {

std::unique_ptr<Layer> make_conv_layer(const NodeSpec& node) {
  const LayerParams& p = node.params;
  switch (node.kind) {
    case NodeKind::Conv2d:
      return std::make_unique<Conv2dLayer>(p);
    case NodeKind::LocallyConnected2d:
      return std::make_unique<LocallyConnected2dLayer>(p);
    case NodeKind::MaxPool2d:
      return std::make_unique<Pool2dLayer>(Pool2dLayer::Kind::Max, p);
    case NodeKind::AvgPool2d:
      return std::make_unique<Pool2dLayer>(Pool2dLayer::Kind::Avg, p);
    case NodeKind::AdaptiveAvgPool2d:
      return std::make_unique<AdaptiveAvgPool2dLayer>(p);
    case NodeKind::BatchNorm1d:
      return std::make_unique<BatchNormLayer>(false, p);
    case NodeKind::BatchNorm2d:
      return std::make_unique<BatchNormLayer>(true, p);
    case NodeKind::LayerNorm:
      return std::make_unique<LayerNormLayer>(p);
    case NodeKind::Dropout:
      return std::make_unique<DropoutLayer>(DropoutLayer::Kind::Dropout, p);
    case NodeKind::GaussianDropout:
      return std::make_unique<DropoutLayer>(DropoutLayer::Kind::Gaussian, p);
    case NodeKind::Dropout2d:
      return std::make_unique<DropoutLayer>(DropoutLayer::Kind::Channel, p);
    default:
      return nullptr;
  }
}

}  // namespace bp
