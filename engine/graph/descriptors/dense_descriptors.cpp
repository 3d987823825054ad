// Descriptors of the dense family: Input, Linear, Activation, PReLU, Maxout, Softmax.
#include "engine/graph/descriptors/activation_params.h"
#include "engine/graph/names.h"
#include "engine/nn/activation_layer.h"
#include "engine/nn/linear.h"
#include "engine/nn/maxout.h"
#include "engine/nn/prelu.h"
#include "engine/nn/softmax_layer.h"

namespace bp {

using namespace descriptor_parts;

void add_dense_descriptors(std::vector<LayerDescriptor>& out) {
  out.push_back({
      .kind = NodeKind::Input,
      .pytorch_name = "Input",
      .name_prefix = "input",
      .group = PaletteGroup::Core,
      .summary = "Where the data enters the network. Its shape is one sample: (2) for a point, "
                 "(1, 28, 28) for a grey image.",
      .params = {{.key = "input_shape",
                  .label = "Shape",
                  .tooltip = "One sample's shape: (2) for a point, (1, 28, 28) for a grey image.",
                  .field = &LayerParams::input_shape,
                  .range = {1, 1000000}}},
      .card_summary =
          [](const NodeSpec& n) {
            return std::string("Input ") + n.params.input_shape.to_string();
          },
      .neuron_view = NeuronView::Column,
  });

  out.push_back({
      .kind = NodeKind::Linear,
      .pytorch_name = "Linear",
      .name_prefix = "fc",
      .group = PaletteGroup::Core,
      .summary = "A fully connected layer: every output is a weighted sum of all inputs plus a "
                 "bias (y = xWᵀ + b). Optionally followed by an activation.",
      .params = concat(
          {{.key = "out_features",
            .label = "Units",
            .tooltip = "out_features: how many neurons (outputs) this layer has.",
            .field = &LayerParams::out_features,
            .range = {1, 100000}}},
          activation_params("An element-wise function applied after the affine map. Identity "
                            "keeps the layer linear (use it for the output layer)."),
          weight_params(),
          std::vector<ParamSchema>{
              {.key = "drop_connect",
               .label = "DropConnect",
               .tooltip = "During training, drop each weight with this probability (0: off).",
               .field = &LayerParams::drop_connect,
               .range = {0.0, 0.95, 0.05, 2},
               .omit_default = true}}),
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Linear>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "nn.Linear(" + std::to_string(a.input[0]) + ", " +
                   std::to_string(a.params.out_features) + ", bias=" + py_bool(a.params.bias) + ")";
          },
      // Gemm with the weight (out, in) and transB=1: the layout OpenCV's reader needs.
      .onnx_export =
          [](const OnnxExportArgs& a) {
            const LayerParams& p = a.node.params;
            OnnxGraph& g = a.graph;
            const std::string bias =
                p.bias ? g.parameter("bias")
                       : g.constant(a.node.name + ".bias", {p.out_features},
                                    std::vector<float>(static_cast<size_t>(p.out_features), 0.0f));
            const std::string y = g.node("Gemm", {a.input_names[0], g.parameter("weight"), bias},
                                         {{"transB", int64_t{1}}});
            return onnx_activation(g, p.activation, p.act, y);
          },
      .card_summary =
          [](const NodeSpec& n) {
            std::string s = "Linear " + std::to_string(n.params.out_features);
            if (n.params.activation != Activation::Identity)
              s += " · " + to_string(n.params.activation);
            return s;
          },
      .penalized_weight = true,
      .neuron_view = NeuronView::Column,
      .fused_activation = true,
  });

  out.push_back({
      .kind = NodeKind::Activation,
      .pytorch_name = "Activation",
      .name_prefix = "act",
      .group = PaletteGroup::Activations,
      .summary = "An element-wise function.",
      .params = activation_params("The element-wise function this node applies."),
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<ActivationLayer>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return activation_module(a.params.activation, a.params.act);
          },
      .onnx_export =
          [](const OnnxExportArgs& a) {
            return onnx_activation(a.graph, a.node.params.activation, a.node.params.act,
                                   a.input_names[0]);
          },
      .card_summary = [](const NodeSpec& n) { return to_string(n.params.activation); },
      .presets =
          {
              {Activation::ReLU,
               "max(0, x): cheap and does not saturate for positive inputs, the default choice "
               "for deep networks. Units can 'die' if they never activate."},
              {Activation::LeakyReLU,
               "Like ReLU but lets a small slope through for negative inputs, so units never "
               "stop learning completely."},
              {Activation::Tanh,
               "Squashes to (-1, 1), centred on zero. Smooth, but saturates: gradients vanish "
               "for large inputs."},
              {Activation::Sigmoid,
               "Squashes to (0, 1), the classic 'neuron firing rate'. Saturates at both ends, "
               "which slows learning in deep networks."},
              {Activation::ELU,
               "Identity for positive inputs, a smooth exponential curve to -α below zero: "
               "keeps mean activations near zero."},
              {Activation::SELU,
               "A scaled ELU whose constants keep activations normalised through deep stacks "
               "(self-normalising networks)."},
              {Activation::GELU,
               "x weighted by the probability that a Gaussian is below x: a smooth ReLU used by "
               "transformers."},
              {Activation::SiLU,
               "x · sigmoid(x), also called Swish: smooth, non-monotonic, often slightly better "
               "than ReLU."},
              {Activation::Softplus,
               "log(1 + eˣ): a smooth version of ReLU that is always positive."},
              {Activation::ScaledTanh,
               "1.7159 · tanh(2x/3), LeCun's scaled tanh: f(±1) = ±1, so targets of ±1 sit in "
               "the steep part of the curve, not in saturation."},
              {Activation::Step,
               "Outputs 1 when the input is positive, else 0: Rosenblatt's perceptron. Its "
               "gradient is zero, so only the perceptron rule can train it."},
          },
      .neuron_view = NeuronView::Elementwise,
  });

  out.push_back({
      .kind = NodeKind::PReLU,
      .pytorch_name = "PReLU",
      .name_prefix = "prelu",
      .group = PaletteGroup::Activations,
      .summary = "A LeakyReLU whose negative slope is learned by gradient descent, one per "
                 "channel or shared.",
      .params = {{.key = "num_parameters",
                  .label = "Slopes",
                  .tooltip = "num_parameters: 1 shares one learned slope, or one per channel.",
                  .field = &LayerParams::num_parameters,
                  .range = {1, 100000}},
                 {.key = "init",
                  .label = "Initial slope",
                  .tooltip = "The slope's starting value (PyTorch: 0.25).",
                  .field = &LayerParams::prelu_init,
                  .range = {0.0, 1.0, 0.05, 3}}},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<PReLU>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "nn.PReLU(num_parameters=" + std::to_string(a.params.num_parameters) +
                   ", init=" + py_float(a.params.prelu_init) + ")";
          },
      // PRelu broadcasts its slope from the right: one per channel is (C, 1, ...).
      .onnx_export =
          [](const OnnxExportArgs& a) {
            std::vector<int64_t> dims{a.node.params.num_parameters};
            if (a.node.params.num_parameters > 1)
              for (int d = 1; d < a.inputs[0].rank(); ++d) dims.push_back(1);
            return a.graph.node("PRelu", {a.input_names[0], a.graph.parameter("weight", dims)});
          },
      .neuron_view = NeuronView::Elementwise,
  });

  out.push_back({
      .kind = NodeKind::Maxout,
      .pytorch_name = "Maxout",
      .name_prefix = "maxout",
      .group = PaletteGroup::Activations,
      .summary = "Each output is the maximum of k inputs: the network learns the shape of its "
                 "own piecewise-linear activation.",
      .params = {{.key = "pool_size",
                  .label = "Pieces k",
                  .tooltip = "Each output is the max of k inputs: outputs = inputs / k.",
                  .field = &LayerParams::pool_size,
                  .range = {1, 64}}},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Maxout>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "Maxout(" + std::to_string(a.params.pool_size) + ")";
          },
      // (N, M*k) -> (N, M, k) -> max over k
      .onnx_export =
          [](const OnnxExportArgs& a) {
            const int64_t k = a.node.params.pool_size;
            const std::string shape =
                a.graph.constant_i64(a.node.name + ".shape", {3}, {0, a.output[0], k});
            const std::string groups = a.graph.node("Reshape", {a.input_names[0], shape});
            return a.graph.node("ReduceMax", {groups},
                                {{"axes", std::vector<int64_t>{2}}, {"keepdims", int64_t{0}}});
          },
      .card_summary =
          [](const NodeSpec& n) { return "Maxout k=" + std::to_string(n.params.pool_size); },
      .neuron_view = NeuronView::Column,
  });

  out.push_back({
      .kind = NodeKind::Softmax,
      .pytorch_name = "Softmax",
      .name_prefix = "softmax",
      .group = PaletteGroup::Core,
      .summary = "Turns scores into probabilities that are positive and sum to 1. "
                 "CrossEntropyLoss already includes it, so add it only for display.",
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Softmax>(p);
      },
      .pytorch_module = [](const PyTorchExportArgs&) { return std::string("nn.Softmax(dim=1)"); },
      .onnx_export =
          [](const OnnxExportArgs& a) {
            return a.graph.node("Softmax", {a.input_names[0]}, {{"axis", int64_t{1}}});
          },
      .neuron_view = NeuronView::Elementwise,
  });
}

}  // namespace bp
