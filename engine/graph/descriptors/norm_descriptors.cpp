// Descriptors of the regularization and normalization family: Dropout, GaussianDropout,
// Dropout2d, BatchNorm1d, BatchNorm2d, LayerNorm.
#include <sstream>

#include "engine/graph/layer_descriptor.h"
#include "engine/nn/batch_norm.h"
#include "engine/nn/dropout.h"
#include "engine/nn/layer_norm.h"

namespace bp {

using namespace descriptor_parts;

namespace {

ParamSchema drop_p() {
  return {.key = "p",
          .label = "p",
          .tooltip =
              "Drop probability during training (GaussianDropout: noise variance "
              "p/(1-p)). 0 disables it.",
          .field = &LayerParams::p,
          .range = {0.0, 0.99, 0.05, 2}};
}
ParamSchema eps() {
  return {.key = "eps",
          .label = "eps",
          .tooltip = "Added to the variance before the square root, for stability.",
          .field = &LayerParams::eps,
          .range = {1e-8, 1.0, 1e-5, 6}};
}
ParamSchema momentum() {
  return {.key = "momentum",
          .label = "Momentum",
          .tooltip =
              "Running statistics: running = (1 - momentum)·running + momentum·batch "
              "(PyTorch: 0.1).",
          .field = &LayerParams::momentum,
          .range = {0.0, 1.0, 0.05, 3}};
}
ParamSchema affine() {
  return {.key = "affine",
          .label = "Affine",
          .tooltip = "Learn a scale (weight) and shift (bias) after normalising.",
          .field = &LayerParams::affine};
}

// "Dropout p=0.5"
std::string p_summary(const char* kind, float p) {
  std::ostringstream s;
  s << kind << " p=" << static_cast<double>(p);
  return s.str();
}

// Dropout variants are the identity outside training: the exported graph leaves them out.
std::string onnx_identity(const OnnxExportArgs& a) {
  return a.input_names[0];
}

// The node's affine parameter, or `fill` (ones or zeros of `dims`) without affine.
std::string affine_or(const OnnxExportArgs& a, const char* local, const std::vector<int64_t>& dims,
                      float fill) {
  if (a.node.params.affine) return a.graph.parameter(local, dims);
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return a.graph.constant(a.node.name + "." + local, dims,
                          std::vector<float>(static_cast<size_t>(n), fill));
}

// BatchNorm in eval form: BatchNormalization with the running statistics.
std::string onnx_batch_norm(const OnnxExportArgs& a) {
  const std::vector<int64_t> c{a.inputs[0][0]};
  return a.graph.node(
      "BatchNormalization",
      {a.input_names[0], affine_or(a, "weight", c, 1.0f), affine_or(a, "bias", c, 0.0f),
       a.graph.parameter("running_mean"), a.graph.parameter("running_var")},
      {{"epsilon", a.node.params.eps}});
}

// Opset 13 has no LayerNormalization: (x - mean) / sqrt(var + eps) over every per-sample
// dimension (biased variance), then weight and bias.
std::string onnx_layer_norm(const OnnxExportArgs& a) {
  OnnxGraph& g = a.graph;
  std::vector<int64_t> axes;
  for (int d = 1; d <= a.inputs[0].rank(); ++d) axes.push_back(d);
  const std::vector<OnnxAttribute> over = {{"axes", axes}, {"keepdims", int64_t{1}}};
  const std::string x = a.input_names[0];
  const std::string centred = g.node("Sub", {x, g.node("ReduceMean", {x}, over)});
  const std::string var = g.node("ReduceMean", {g.node("Mul", {centred, centred})}, over);
  const std::string eps = g.constant(a.node.name + ".eps", {}, {a.node.params.eps});
  const std::string y = g.node("Div", {centred, g.node("Sqrt", {g.node("Add", {var, eps})})});
  if (!a.node.params.affine) return y;
  return g.node("Add", {g.node("Mul", {y, g.parameter("weight")}), g.parameter("bias")});
}

}  // namespace

void add_norm_descriptors(std::vector<LayerDescriptor>& out) {
  out.push_back({
      .kind = NodeKind::Dropout,
      .pytorch_name = "Dropout",
      .name_prefix = "dropout",
      .group = PaletteGroup::Regularization,
      .summary = "During training, zeroes each value with probability p and scales the rest by "
                 "1/(1-p); does nothing at evaluation. Fights overfitting.",
      .params = {drop_p()},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Dropout>(Dropout::Kind::Dropout, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) { return "nn.Dropout(p=" + py_float(a.params.p) + ")"; },
      .onnx_export = &onnx_identity,
      .card_summary = [](const NodeSpec& n) { return p_summary("Dropout", n.params.p); },
      .neuron_view = NeuronView::Elementwise,
  });

  out.push_back({
      .kind = NodeKind::GaussianDropout,
      .pytorch_name = "GaussianDropout",
      .name_prefix = "gdropout",
      .group = PaletteGroup::Regularization,
      .summary = "Multiplies each value by Gaussian noise with mean 1 during training instead of "
                 "zeroing it.",
      .params = {drop_p()},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Dropout>(Dropout::Kind::Gaussian, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "GaussianDropout(p=" + py_float(a.params.p) + ")";
          },
      .onnx_export = &onnx_identity,
      .card_summary = [](const NodeSpec& n) { return p_summary("GaussianDropout", n.params.p); },
      .neuron_view = NeuronView::Elementwise,
  });

  out.push_back({
      .kind = NodeKind::Dropout2d,
      .pytorch_name = "Dropout2d",
      .name_prefix = "dropout2d",
      .group = PaletteGroup::Regularization,
      .summary = "Drops whole feature-map channels at a time, which suits convolutional layers.",
      .params = {drop_p()},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Dropout>(Dropout::Kind::Channel, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) { return "nn.Dropout2d(p=" + py_float(a.params.p) + ")"; },
      .onnx_export = &onnx_identity,
      .card_summary = [](const NodeSpec& n) { return p_summary("Dropout2d", n.params.p); },
  });

  out.push_back({
      .kind = NodeKind::BatchNorm1d,
      .pytorch_name = "BatchNorm1d",
      .name_prefix = "bn",
      .group = PaletteGroup::Regularization,
      .summary = "Normalises each feature over the batch to zero mean and unit variance, then "
                 "rescales: allows higher learning rates and deeper networks.",
      .params = {eps(), momentum(), affine()},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<BatchNorm>(false, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "nn.BatchNorm1d(" + std::to_string(a.input[0]) +
                   ", eps=" + py_float(a.params.eps) + ", momentum=" + py_float(a.params.momentum) +
                   ", affine=" + py_bool(a.params.affine) + ")";
          },
      .onnx_export = &onnx_batch_norm,
      .neuron_view = NeuronView::Elementwise,
  });

  out.push_back({
      .kind = NodeKind::BatchNorm2d,
      .pytorch_name = "BatchNorm2d",
      .name_prefix = "bn",
      .group = PaletteGroup::Regularization,
      .summary = "Batch normalisation per channel of an image, over the batch and all pixels.",
      .params = {eps(), momentum(), affine()},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<BatchNorm>(true, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "nn.BatchNorm2d(" + std::to_string(a.input[0]) +
                   ", eps=" + py_float(a.params.eps) + ", momentum=" + py_float(a.params.momentum) +
                   ", affine=" + py_bool(a.params.affine) + ")";
          },
      .onnx_export = &onnx_batch_norm,
  });

  out.push_back({
      .kind = NodeKind::LayerNorm,
      .pytorch_name = "LayerNorm",
      .name_prefix = "ln",
      .group = PaletteGroup::Regularization,
      .summary = "Normalises each sample over its own features: independent of the batch size.",
      .params = {eps(), affine()},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<LayerNorm>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            std::string dims;
            for (int i = 0; i < a.input.rank(); ++i) dims += std::to_string(a.input[i]) + ", ";
            return "nn.LayerNorm((" + dims + "), eps=" + py_float(a.params.eps) +
                   ", elementwise_affine=" + py_bool(a.params.affine) + ")";
          },
      .onnx_export = &onnx_layer_norm,
      .neuron_view = NeuronView::Elementwise,
  });
}

}  // namespace bp
