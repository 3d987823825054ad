// Descriptors of the structure family: Add, Concat, Flatten.
#include "engine/graph/layer_descriptor.h"
#include "engine/nn/add_layer.h"
#include "engine/nn/concat_layer.h"
#include "engine/nn/flatten_layer.h"

namespace bp {

namespace {

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? separator : "") + parts[i];
  return s;
}

}  // namespace

void add_structure_descriptors(std::vector<LayerDescriptor>& out) {
  out.push_back({
      .kind = NodeKind::Add,
      .pytorch_name = "Add",
      .name_prefix = "add",
      .group = PaletteGroup::Structure,
      .summary = "Adds its inputs element-wise: the join of a residual (skip) connection. Inputs "
                 "must have the same shape.",
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Add>(p);
      },
      .pytorch_expression = [](const PyTorchExportArgs&,
                               const std::vector<std::string>& in) { return join(in, " + "); },
      .onnx_export =
          [](const OnnxExportArgs& a) {
            std::string sum = a.input_names[0];
            for (size_t i = 1; i < a.input_names.size(); ++i)
              sum = a.graph.node("Add", {sum, a.input_names[i]});
            return sum;
          },
      .neuron_view = NeuronView::Column,
  });

  out.push_back({
      .kind = NodeKind::Concat,
      .pytorch_name = "Concat",
      .name_prefix = "concat",
      .group = PaletteGroup::Structure,
      .summary = "Stacks its inputs along the feature/channel dimension, in port order.",
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Concat>(p);
      },
      .pytorch_expression =
          [](const PyTorchExportArgs&, const std::vector<std::string>& in) {
            return "torch.cat([" + join(in, ", ") + "], dim=1)";
          },
      .onnx_export =
          [](const OnnxExportArgs& a) {
            return a.graph.node("Concat", a.input_names, {{"axis", int64_t{1}}});
          },
      .neuron_view = NeuronView::Column,
  });

  out.push_back({
      .kind = NodeKind::Flatten,
      .pytorch_name = "Flatten",
      .name_prefix = "flatten",
      .group = PaletteGroup::Structure,
      .summary = "Unrolls an image (C, H, W) into a vector (C·H·W) so dense layers can read it.",
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Flatten>(p);
      },
      .pytorch_module = [](const PyTorchExportArgs&) { return std::string("nn.Flatten()"); },
      .onnx_export =
          [](const OnnxExportArgs& a) {
            return a.graph.node("Flatten", {a.input_names[0]}, {{"axis", int64_t{1}}});
          },
  });
}

}  // namespace bp
