#include "ui/editor/layer_catalog.h"

#include "engine/graph/names.h"

namespace bp::ui {
namespace {

PaletteEntry entry(NodeKind kind, PaletteGroup g, const char* title, const char* tip) {
  return {kind, std::nullopt, g, QString::fromUtf8(title), QObject::tr(tip)};
}

PaletteEntry act(Activation f, const char* title, const char* tip) {
  return {NodeKind::Activation, f, PaletteGroup::Activations, QString::fromUtf8(title),
          QObject::tr(tip)};
}

std::vector<PaletteEntry> build() {
  using G = PaletteGroup;
  using K = NodeKind;
  return {
      entry(K::Input, G::Core, "Input",
            "Where the data enters the network. Its shape is one sample: (2) for a point, "
            "(1, 28, 28) for a grey image."),
      entry(K::Linear, G::Core, "Linear",
            "A fully connected layer: every output is a weighted sum of all inputs plus a bias "
            "(y = xWᵀ + b). Optionally followed by an activation."),
      entry(K::Softmax, G::Core, "Softmax",
            "Turns scores into probabilities that are positive and sum to 1. CrossEntropyLoss "
            "already includes it, so add it only for display."),
      act(Activation::ReLU, "ReLU",
          "max(0, x): cheap and does not saturate for positive inputs, the default choice for "
          "deep networks. Units can 'die' if they never activate."),
      act(Activation::LeakyReLU, "LeakyReLU",
          "Like ReLU but lets a small slope through for negative inputs, so units never stop "
          "learning completely."),
      act(Activation::Tanh, "Tanh",
          "Squashes to (-1, 1), centred on zero. Smooth, but saturates: gradients vanish for "
          "large inputs."),
      act(Activation::Sigmoid, "Sigmoid",
          "Squashes to (0, 1), the classic 'neuron firing rate'. Saturates at both ends, which "
          "slows learning in deep networks."),
      act(Activation::ELU, "ELU",
          "Identity for positive inputs, a smooth exponential curve to -α below zero: "
          "keeps mean activations near zero."),
      act(Activation::SELU, "SELU",
          "A scaled ELU whose constants keep activations normalised through deep stacks "
          "(self-normalising networks)."),
      act(Activation::GELU, "GELU",
          "x weighted by the probability that a Gaussian is below x: a smooth ReLU used by "
          "transformers."),
      act(Activation::SiLU, "SiLU",
          "x · sigmoid(x), also called Swish: smooth, non-monotonic, often slightly better "
          "than ReLU."),
      act(Activation::Softplus, "Softplus",
          "log(1 + eˣ): a smooth version of ReLU that is always positive."),
      act(Activation::Step, "Step",
          "Outputs 1 when the input is positive, else 0: Rosenblatt's perceptron. Its gradient "
          "is zero, so only the perceptron rule can train it."),
      entry(K::PReLU, G::Activations, "PReLU",
            "A LeakyReLU whose negative slope is learned by gradient descent, one per channel "
            "or shared."),
      entry(K::Maxout, G::Activations, "Maxout",
            "Each output is the maximum of k inputs: the network learns the shape of its own "
            "piecewise-linear activation."),
      entry(K::Conv2d, G::Convolution, "Conv2d",
            "Slides small learned filters over an image: each output channel detects one "
            "local pattern anywhere in the image, with few weights."),
      entry(K::LocallyConnected2d, G::Convolution, "LocallyConnected2d",
            "Like a convolution, but every position has its own filter: no weight sharing, "
            "many more parameters."),
      entry(K::MaxPool2d, G::Convolution, "MaxPool2d",
            "Keeps the largest value in each window: shrinks the image and makes features "
            "robust to small shifts."),
      entry(K::AvgPool2d, G::Convolution, "AvgPool2d",
            "Averages each window: shrinks the image smoothly."),
      entry(K::AdaptiveAvgPool2d, G::Convolution, "AdaptiveAvgPool2d",
            "Averages each channel down to a fixed output size whatever the input size; (1, 1) "
            "is global average pooling."),
      entry(K::Dropout, G::Regularization, "Dropout",
            "During training, zeroes each value with probability p and scales the rest by "
            "1/(1-p); does nothing at evaluation. Fights overfitting."),
      entry(K::GaussianDropout, G::Regularization, "GaussianDropout",
            "Multiplies each value by Gaussian noise with mean 1 during training instead of "
            "zeroing it."),
      entry(K::Dropout2d, G::Regularization, "Dropout2d",
            "Drops whole feature-map channels at a time, which suits convolutional layers."),
      entry(K::BatchNorm1d, G::Regularization, "BatchNorm1d",
            "Normalises each feature over the batch to zero mean and unit variance, then "
            "rescales: allows higher learning rates and deeper networks."),
      entry(K::BatchNorm2d, G::Regularization, "BatchNorm2d",
            "Batch normalisation per channel of an image, over the batch and all pixels."),
      entry(K::LayerNorm, G::Regularization, "LayerNorm",
            "Normalises each sample over its own features: independent of the batch size."),
      entry(K::Flatten, G::Structure, "Flatten",
            "Unrolls an image (C, H, W) into a vector (C·H·W) so dense layers can read it."),
      entry(K::Add, G::Structure, "Add",
            "Adds its inputs element-wise: the join of a residual (skip) connection. Inputs "
            "must have the same shape."),
      entry(K::Concat, G::Structure, "Concat",
            "Stacks its inputs along the feature/channel dimension, in port order."),
  };
}

}  // namespace

const std::vector<PaletteEntry>& palette_entries() {
  static const std::vector<PaletteEntry> entries = build();
  return entries;
}

QString group_name(PaletteGroup group) {
  switch (group) {
    case PaletteGroup::Core:
      return QObject::tr("Core");
    case PaletteGroup::Activations:
      return QObject::tr("Activations");
    case PaletteGroup::Convolution:
      return QObject::tr("Convolution");
    case PaletteGroup::Regularization:
      return QObject::tr("Regularization");
    case PaletteGroup::Structure:
      return QObject::tr("Structure");
  }
  return {};
}

PaletteGroup group_of(NodeKind kind) {
  for (const auto& e : palette_entries())
    if (e.kind == kind) return e.group;
  return PaletteGroup::Core;
}

QColor group_color(PaletteGroup group) {
  switch (group) {
    case PaletteGroup::Core:
      return QColor(0x3b, 0x82, 0xf6);
    case PaletteGroup::Activations:
      return QColor(0xf5, 0x9e, 0x0b);
    case PaletteGroup::Convolution:
      return QColor(0x10, 0xb9, 0x81);
    case PaletteGroup::Regularization:
      return QColor(0x8b, 0x5c, 0xf6);
    case PaletteGroup::Structure:
      return QColor(0x64, 0x74, 0x8b);
  }
  return Qt::gray;
}

NodeSpec make_node(const PaletteEntry& e) {
  NodeSpec n;
  n.kind = e.kind;
  if (e.activation) n.params.activation = *e.activation;
  switch (e.kind) {
    case NodeKind::MaxPool2d:
    case NodeKind::AvgPool2d:
      n.params.kernel = {2, 2};
      n.params.stride = {2, 2};
      break;
    case NodeKind::Conv2d:
    case NodeKind::LocallyConnected2d:
      n.params.out_channels = 8;
      break;
    default:
      break;
  }
  return n;
}

QMimeData* node_mime_data(const PaletteEntry& e) {
  auto* mime = new QMimeData;
  QString text = QString::fromStdString(to_string(e.kind));
  if (e.activation) text += ":" + QString::fromStdString(to_string(*e.activation));
  mime->setData(kNodeMimeType, text.toUtf8());
  return mime;
}

std::optional<NodeSpec> node_from_mime(const QMimeData* mime) {
  if (!mime || !mime->hasFormat(kNodeMimeType)) return std::nullopt;
  const QStringList parts = QString::fromUtf8(mime->data(kNodeMimeType)).split(':');
  const auto kind = parse_node_kind(parts.value(0).toStdString());
  if (!kind) return std::nullopt;
  std::optional<Activation> f;
  if (parts.size() > 1) f = parse_activation(parts[1].toStdString());
  for (const auto& e : palette_entries())
    if (e.kind == *kind && (!f || e.activation == f)) return make_node(e);
  return std::nullopt;
}

QString activation_title(Activation f) {
  return QString::fromStdString(to_string(f));
}

QString node_summary(const NodeSpec& n) {
  const LayerParams& p = n.params;
  const QString kind = QString::fromStdString(to_string(n.kind));
  auto window = [](const std::array<int, 2>& k) {
    return k[0] == k[1] ? QString("%1×%1").arg(k[0]) : QString("%1×%2").arg(k[0]).arg(k[1]);
  };
  switch (n.kind) {
    case NodeKind::Input:
      return kind + " " + QString::fromStdString(p.input_shape.to_string());
    case NodeKind::Linear: {
      QString s = QString("%1 %2").arg(kind).arg(p.out_features);
      if (p.activation != Activation::Identity) s += " · " + activation_title(p.activation);
      return s;
    }
    case NodeKind::Activation:
      return activation_title(p.activation);
    case NodeKind::Maxout:
      return QString("%1 k=%2").arg(kind).arg(p.pool_size);
    case NodeKind::Conv2d:
    case NodeKind::LocallyConnected2d: {
      QString s = QString("%1 %2 · %3").arg(kind).arg(p.out_channels).arg(window(p.kernel));
      if (p.stride[0] != 1 || p.stride[1] != 1) s += " s" + QString::number(p.stride[0]);
      if (p.padding[0] != 0 || p.padding[1] != 0) s += " pad " + QString::number(p.padding[0]);
      return s;
    }
    case NodeKind::MaxPool2d:
    case NodeKind::AvgPool2d:
      return kind + " " + window(p.kernel);
    case NodeKind::AdaptiveAvgPool2d:
      return kind + " " + window(p.output_size);
    case NodeKind::Dropout:
    case NodeKind::GaussianDropout:
    case NodeKind::Dropout2d:
      return QString("%1 p=%2").arg(kind).arg(static_cast<double>(p.p));
    default:
      return kind;
  }
}

}  // namespace bp::ui
