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
      .neuron_view = NeuronView::Elementwise,
  });
}

}  // namespace bp
