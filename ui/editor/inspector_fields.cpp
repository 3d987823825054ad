// The inspector's fields per node kind, and the compound editors (activation, initializer).
#include <QComboBox>
#include <QSignalBlocker>

#include "engine/graph/names.h"
#include "ui/editor/inspector.h"

namespace bp::ui {
namespace {

template <class E>
double as_d(E e) {
  return static_cast<double>(static_cast<int>(e));
}

template <class E>
E as_e(double v) {
  return static_cast<E>(static_cast<int>(v));
}

bool uses_weight_init(NodeKind k) {
  return k == NodeKind::Linear || k == NodeKind::Conv2d || k == NodeKind::LocallyConnected2d;
}

}  // namespace

void Inspector::addCombo(const QString& label, const QString& tip, const QStringList& items,
                         Getter get, Setter set, std::function<bool(const LayerParams&)> visible) {
  auto* combo = new QComboBox(this);
  combo->addItems(items);
  const int key = next_key_++;
  connect(combo, &QComboBox::currentIndexChanged, this, [=, this](int i) {
    if (!node() || i < 0) return;
    LayerParams p = node()->params;
    set(p, i);
    apply(p, label, key);
    refreshValues();  // dependent rows appear or disappear
  });
  refreshers_.push_back([combo, get](const LayerParams& p) {
    QSignalBlocker block(combo);
    combo->setCurrentIndex(static_cast<int>(get(p)));
  });
  addRow(label, tip, combo, std::move(visible));
}

void Inspector::addActivation(bool allow_identity) {
  QStringList names;
  for (Activation f : all_activations()) names << QString::fromStdString(to_string(f));
  addCombo(
      tr("Activation"),
      allow_identity ? tr("An element-wise function applied after the affine map. "
                          "Identity keeps the layer linear (use it for the output layer).")
                     : tr("The element-wise function this node applies."),
      names, [](const LayerParams& p) { return as_d(p.activation); },
      [](LayerParams& p, double v) { p.activation = as_e<Activation>(v); });
  addReal(
      tr("Negative slope"), tr("LeakyReLU: the slope for negative inputs (PyTorch: 0.01)."), 0.0,
      1.0, 0.01, 3, [](const LayerParams& p) { return double{p.act.negative_slope}; },
      [](LayerParams& p, double v) { p.act.negative_slope = static_cast<float>(v); },
      [](const LayerParams& p) { return p.activation == Activation::LeakyReLU; });
  addReal(
      tr("Alpha"), tr("ELU: the value approached for very negative inputs is -alpha."), 0.01, 10.0,
      0.1, 2, [](const LayerParams& p) { return double{p.act.alpha}; },
      [](LayerParams& p, double v) { p.act.alpha = static_cast<float>(v); },
      [](const LayerParams& p) { return p.activation == Activation::ELU; });
  addReal(
      tr("Beta"), tr("Softplus: log(1 + exp(beta·x)) / beta; larger beta is closer to ReLU."), 0.1,
      100.0, 0.5, 2, [](const LayerParams& p) { return double{p.act.beta}; },
      [](LayerParams& p, double v) { p.act.beta = static_cast<float>(v); },
      [](const LayerParams& p) { return p.activation == Activation::Softplus; });
}

void Inspector::addInit(const QString& label, InitSpec LayerParams::*field) {
  QStringList names;
  for (InitKind k : all_init_kinds()) names << QString::fromStdString(to_string(k));
  auto is = [field](std::initializer_list<InitKind> kinds) {
    return [field, kinds = std::vector<InitKind>(kinds)](const LayerParams& p) {
      for (InitKind k : kinds)
        if ((p.*field).kind == k) return true;
      return false;
    };
  };
  auto real = [&](const QString& name, const QString& tip, float InitSpec::*member, double lo,
                  double hi, std::function<bool(const LayerParams&)> visible) {
    addReal(
        label + " " + name, tip, lo, hi, 0.05, 3,
        [field, member](const LayerParams& p) { return double{(p.*field).*member}; },
        [field, member](LayerParams& p, double v) { (p.*field).*member = static_cast<float>(v); },
        std::move(visible));
  };
  addCombo(
      label,
      tr("How the tensor starts (torch.nn.init). 'default' is what PyTorch does for this "
         "layer: a uniform distribution scaled by 1/sqrt(fan_in)."),
      names, [field](const LayerParams& p) { return as_d((p.*field).kind); },
      [field](LayerParams& p, double v) { (p.*field).kind = as_e<InitKind>(v); });
  real(tr("value"), tr("constant: every element gets this value."), &InitSpec::value, -10, 10,
       is({InitKind::Constant}));
  real(tr("a"), tr("uniform: lower bound; kaiming: the negative slope of the rectifier after it."),
       &InitSpec::a, -10, 10,
       is({InitKind::Uniform, InitKind::KaimingUniform, InitKind::KaimingNormal}));
  real(tr("b"), tr("uniform: upper bound."), &InitSpec::b, -10, 10, is({InitKind::Uniform}));
  real(tr("mean"), tr("normal: the mean."), &InitSpec::mean, -10, 10, is({InitKind::Normal}));
  real(tr("std"), tr("normal: the standard deviation."), &InitSpec::std, 0, 10,
       is({InitKind::Normal}));
  real(tr("gain"), tr("xavier / orthogonal: a scale factor, e.g. 5/3 before Tanh."),
       &InitSpec::gain, 0, 10,
       is({InitKind::XavierUniform, InitKind::XavierNormal, InitKind::Orthogonal}));
  addCombo(
      label + " " + tr("mode"),
      tr("kaiming: fan_in preserves the forward signal's variance, fan_out the backward one."),
      {"fan_in", "fan_out"}, [field](const LayerParams& p) { return as_d((p.*field).mode); },
      [field](LayerParams& p, double v) { (p.*field).mode = as_e<FanMode>(v); },
      is({InitKind::KaimingUniform, InitKind::KaimingNormal}));
  addCombo(
      label + " " + tr("nonlinearity"),
      tr("kaiming: the activation that follows, which sets the gain (relu: √2)."),
      {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"},
      [field](const LayerParams& p) { return as_d((p.*field).nonlinearity); },
      [field](LayerParams& p, double v) { (p.*field).nonlinearity = as_e<Nonlinearity>(v); },
      is({InitKind::KaimingUniform, InitKind::KaimingNormal}));
}

void add_fields_for(Inspector& in, NodeKind kind) {
  using P = LayerParams;
  const auto tr = [](const char* s) { return QObject::tr(s); };
  switch (kind) {
    case NodeKind::Input:
      in.addInputShape();
      break;
    case NodeKind::Linear:
      in.addInt(
          tr("Units"), tr("out_features: how many neurons (outputs) this layer has."), 1, 100000,
          [](const P& p) { return static_cast<double>(p.out_features); },
          [](P& p, double v) { p.out_features = static_cast<int64_t>(v); });
      in.addActivation(true);
      break;
    case NodeKind::Activation:
      in.addActivation(false);
      break;
    case NodeKind::PReLU:
      in.addInt(
          tr("Slopes"), tr("num_parameters: 1 shares one learned slope, or one per channel."), 1,
          100000, [](const P& p) { return static_cast<double>(p.num_parameters); },
          [](P& p, double v) { p.num_parameters = static_cast<int64_t>(v); });
      in.addReal(
          tr("Initial slope"), tr("The slope's starting value (PyTorch: 0.25)."), 0, 1, 0.05, 3,
          [](const P& p) { return double{p.prelu_init}; },
          [](P& p, double v) { p.prelu_init = static_cast<float>(v); });
      break;
    case NodeKind::Maxout:
      in.addInt(
          tr("Pieces k"), tr("Each output is the max of k inputs: outputs = inputs / k."), 2, 64,
          [](const P& p) { return double{static_cast<double>(p.pool_size)}; },
          [](P& p, double v) { p.pool_size = static_cast<int>(v); });
      break;
    case NodeKind::Conv2d:
    case NodeKind::LocallyConnected2d:
      in.addInt(
          tr("Channels"), tr("out_channels: how many filters, i.e. output feature maps."), 1, 4096,
          [](const P& p) { return static_cast<double>(p.out_channels); },
          [](P& p, double v) { p.out_channels = static_cast<int64_t>(v); });
      in.addPair(tr("Kernel"), tr("The filter's height and width."), 1, 31, &P::kernel);
      in.addPair(tr("Stride"), tr("How far the filter moves per step; 2 halves the image."), 1, 16,
                 &P::stride);
      in.addPair(tr("Padding"), tr("Zeros added around the image; (k-1)/2 keeps its size."), 0, 16,
                 &P::padding);
      if (kind == NodeKind::Conv2d)
        in.addPair(tr("Dilation"), tr("Spacing between filter taps: a wider view, same weights."),
                   1, 16, &P::dilation);
      break;
    case NodeKind::MaxPool2d:
    case NodeKind::AvgPool2d:
      in.addPair(tr("Kernel"), tr("The pooling window's height and width."), 1, 31, &P::kernel);
      in.addPair(tr("Stride"), tr("How far the window moves; usually equal to the kernel."), 1, 16,
                 &P::stride);
      in.addPair(tr("Padding"), tr("Implicit padding around the image."), 0, 16, &P::padding);
      if (kind == NodeKind::MaxPool2d)
        in.addPair(tr("Dilation"), tr("Spacing between window taps."), 1, 16, &P::dilation);
      else
        in.addBool(
            tr("Count padding"),
            tr("count_include_pad: whether padded zeros count in the average."),
            [](const P& p) { return p.count_include_pad ? 1.0 : 0.0; },
            [](P& p, double v) { p.count_include_pad = v != 0.0; });
      break;
    case NodeKind::AdaptiveAvgPool2d:
      in.addPair(tr("Output size"), tr("The fixed (h, w) every channel is averaged down to."), 1,
                 64, &P::output_size);
      break;
    case NodeKind::Dropout:
    case NodeKind::GaussianDropout:
    case NodeKind::Dropout2d:
      in.addReal(
          tr("p"),
          tr("Drop probability during training (GaussianDropout: noise variance "
             "p/(1-p)). 0 disables it."),
          0.0, 0.95, 0.05, 2, [](const P& p) { return double{p.p}; },
          [](P& p, double v) { p.p = static_cast<float>(v); });
      break;
    case NodeKind::BatchNorm1d:
    case NodeKind::BatchNorm2d:
    case NodeKind::LayerNorm:
      in.addReal(
          tr("eps"), tr("Added to the variance before the square root, for stability."), 1e-8, 1.0,
          1e-5, 6, [](const P& p) { return double{p.eps}; },
          [](P& p, double v) { p.eps = static_cast<float>(v); });
      if (kind != NodeKind::LayerNorm)
        in.addReal(
            tr("Momentum"),
            tr("Running statistics: running = (1 - momentum)·running + momentum·batch "
               "(PyTorch: 0.1)."),
            0.0, 1.0, 0.05, 3, [](const P& p) { return double{p.momentum}; },
            [](P& p, double v) { p.momentum = static_cast<float>(v); });
      in.addBool(
          tr("Affine"), tr("Learn a scale (weight) and shift (bias) after normalising."),
          [](const P& p) { return p.affine ? 1.0 : 0.0; },
          [](P& p, double v) { p.affine = v != 0.0; });
      break;
    default:
      break;
  }
  if (uses_weight_init(kind)) {
    in.addBool(
        tr("Bias"), tr("Add a learned bias to every output."),
        [](const P& p) { return p.bias ? 1.0 : 0.0; }, [](P& p, double v) { p.bias = v != 0.0; });
    in.addInit(tr("Weight init"), &P::weight_init);
    in.addInit(tr("Bias init"), &P::bias_init);
  }
  if (kind == NodeKind::Linear)
    in.addReal(
        tr("DropConnect"), tr("During training, drop each weight with this probability (0: off)."),
        0.0, 0.95, 0.05, 2, [](const P& p) { return double{p.drop_connect}; },
        [](P& p, double v) { p.drop_connect = static_cast<float>(v); });
}

}  // namespace bp::ui
