// Descriptors of the convolutional family: Conv2d, LocallyConnected2d, MaxPool2d, AvgPool2d,
// AdaptiveAvgPool2d.
#include "engine/core/error.h"
#include "engine/graph/descriptors/activation_params.h"
#include "engine/nn/conv2d.h"
#include "engine/nn/locally_connected2d.h"
#include "engine/nn/pool2d.h"

namespace bp {

using namespace descriptor_parts;

namespace {

ParamSchema kernel(const char* tooltip) {
  return {.key = "kernel_size",
          .label = "Kernel",
          .tooltip = tooltip,
          .field = &LayerParams::kernel,
          .range = {1, 31}};
}
ParamSchema stride(const char* tooltip) {
  return {.key = "stride",
          .label = "Stride",
          .tooltip = tooltip,
          .field = &LayerParams::stride,
          .range = {1, 16}};
}
ParamSchema padding(const char* tooltip) {
  return {.key = "padding",
          .label = "Padding",
          .tooltip = tooltip,
          .field = &LayerParams::padding,
          .range = {0, 16}};
}
ParamSchema dilation(const char* tooltip) {
  return {.key = "dilation",
          .label = "Dilation",
          .tooltip = tooltip,
          .field = &LayerParams::dilation,
          .range = {1, 16}};
}
ParamSchema out_channels() {
  return {.key = "out_channels",
          .label = "Channels",
          .tooltip = "out_channels: how many filters, i.e. output feature maps.",
          .field = &LayerParams::out_channels,
          .range = {1, 4096}};
}

// PyTorch's pools default the stride to the kernel size.
ParamSchema pool_stride() {
  ParamSchema s = stride("How far the window moves; usually equal to the kernel.");
  s.when_missing = [](LayerParams& p) { p.stride = p.kernel; };
  return s;
}

std::string conv_summary(const NodeSpec& n, const char* kind) {
  const LayerParams& p = n.params;
  std::string s =
      std::string(kind) + " " + std::to_string(p.out_channels) + " · " + window(p.kernel);
  if (p.stride[0] != 1 || p.stride[1] != 1) s += " s" + std::to_string(p.stride[0]);
  if (p.padding[0] != 0 || p.padding[1] != 0) s += " pad " + std::to_string(p.padding[0]);
  return s;
}

void pool_defaults(LayerParams& p) {
  p.kernel = {2, 2};
  p.stride = {2, 2};
}

void conv_defaults(LayerParams& p) {
  p.out_channels = 8;
}

std::vector<int64_t> ints(const std::array<int, 2>& a) {
  return {a[0], a[1]};
}
std::vector<int64_t> pads(const std::array<int, 2>& p) {  // top, left, bottom, right
  return {p[0], p[1], p[0], p[1]};
}

std::string onnx_conv(const OnnxExportArgs& a) {
  const LayerParams& p = a.node.params;
  std::vector<std::string> in = {a.input_names[0], a.graph.parameter("weight")};
  if (p.bias) in.push_back(a.graph.parameter("bias"));
  return a.graph.node("Conv", in,
                      {{"kernel_shape", ints(p.kernel)},
                       {"strides", ints(p.stride)},
                       {"pads", pads(p.padding)},
                       {"dilations", ints(p.dilation)}});
}

// A convolution without weight sharing, from operators every consumer has: a Conv with one-hot
// filters unfolds the patches (F.unfold's order: channel, then kernel row, then column), and a
// batched MatMul applies each position's own weights.
std::string onnx_locally_connected(const OnnxExportArgs& a) {
  const LayerParams& p = a.node.params;
  OnnxGraph& g = a.graph;
  const std::string& name = a.node.name;
  const int64_t cin = a.inputs[0][0], kh = p.kernel[0], kw = p.kernel[1];
  const int64_t rows = cin * kh * kw, cout = p.out_channels;
  const int64_t ho = a.output[1], wo = a.output[2], positions = ho * wo;
  std::vector<float> one_hot(static_cast<size_t>(rows * rows), 0.0f);  // (R, Cin, kh, kw)
  for (int64_t r = 0; r < rows; ++r) one_hot[static_cast<size_t>(r * rows + r)] = 1.0f;
  const std::string patches =
      g.node("Conv", {a.input_names[0], g.constant(name + ".unfold", {rows, cin, kh, kw}, one_hot)},
             {{"kernel_shape", ints(p.kernel)},
              {"strides", ints(p.stride)},
              {"pads", pads(p.padding)},
              {"dilations", ints(p.dilation)}});  // (N, R, Ho, Wo)
  const std::string cols = g.node(
      "Reshape", {patches, g.constant_i64(name + ".cols", {3}, {0, rows, positions})});  // (N,R,P)
  const std::string by_position =
      g.node("Transpose", {cols}, {{"perm", std::vector<int64_t>{2, 0, 1}}});  // (P, N, R)
  // weight (P, Cout, R) -> (P, R, Cout)
  const std::vector<float>& w = g.values("weight");
  std::vector<float> wt(w.size());
  for (int64_t q = 0; q < positions; ++q)
    for (int64_t k = 0; k < cout; ++k)
      for (int64_t r = 0; r < rows; ++r)
        wt[static_cast<size_t>((q * rows + r) * cout + k)] =
            w[static_cast<size_t>((q * cout + k) * rows + r)];
  const std::string y = g.node(
      "MatMul",
      {by_position, g.constant(name + ".weight", {positions, rows, cout}, wt)});  // (P,N,Cout)
  const std::string channels_first =
      g.node("Transpose", {y}, {{"perm", std::vector<int64_t>{1, 2, 0}}});  // (N, Cout, P)
  const std::string image =
      g.node("Reshape", {channels_first, g.constant_i64(name + ".image", {4}, {0, cout, ho, wo})});
  return p.bias ? g.node("Add", {image, g.parameter("bias")}) : image;
}

std::string onnx_pool(const OnnxExportArgs& a, bool max) {
  const LayerParams& p = a.node.params;
  std::vector<OnnxAttribute> attrs = {
      {"kernel_shape", ints(p.kernel)}, {"strides", ints(p.stride)}, {"pads", pads(p.padding)}};
  if (max && (p.dilation[0] != 1 || p.dilation[1] != 1))
    attrs.push_back({"dilations", ints(p.dilation)});
  if (!max) attrs.push_back({"count_include_pad", int64_t{p.count_include_pad ? 1 : 0}});
  return a.graph.node(max ? "MaxPool" : "AveragePool", {a.input_names[0]}, attrs);
}

// Adaptive pooling is a plain average pool when the output size divides the input size; other
// sizes average overlapping windows of varying size, which no ONNX pool expresses.
std::string onnx_adaptive_avg_pool(const OnnxExportArgs& a) {
  const Shape& in = a.inputs[0];
  const int64_t h = in[1], w = in[2], oh = a.output[1], ow = a.output[2];
  if (oh == 1 && ow == 1) return a.graph.node("GlobalAveragePool", {a.input_names[0]});
  if (h % oh != 0 || w % ow != 0)
    throw Error("ONNX export: AdaptiveAvgPool2d '" + a.node.name + "' averages " +
                std::to_string(h) + "x" + std::to_string(w) + " down to " + std::to_string(oh) +
                "x" + std::to_string(ow) +
                " with overlapping windows, which ONNX's pooling operators cannot express: set its "
                "output_size to a divisor of " +
                std::to_string(h) + "x" + std::to_string(w) +
                " (1x1 is global average pooling) or use an AvgPool2d instead");
  const std::vector<int64_t> k{h / oh, w / ow};
  return a.graph.node("AveragePool", {a.input_names[0]}, {{"kernel_shape", k}, {"strides", k}});
}

}  // namespace

void add_conv_descriptors(std::vector<LayerDescriptor>& out) {
  out.push_back({
      .kind = NodeKind::Conv2d,
      .pytorch_name = "Conv2d",
      .name_prefix = "conv",
      .group = PaletteGroup::Convolution,
      .summary = "Slides small learned filters over an image: each output channel detects one "
                 "local pattern anywhere in the image, with few weights.",
      .params = concat({out_channels(), kernel("The filter's height and width."),
                        stride("How far the filter moves per step; 2 halves the image."),
                        padding("Zeros added around the image; (k-1)/2 keeps its size."),
                        dilation("Spacing between filter taps: a wider view, same weights.")},
                       weight_params()),
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Conv2d>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            const LayerParams& p = a.params;
            return "nn.Conv2d(" + std::to_string(a.input[0]) + ", " +
                   std::to_string(p.out_channels) + ", kernel_size=" + py_pair(p.kernel) +
                   ", stride=" + py_pair(p.stride) + ", padding=" + py_pair(p.padding) +
                   ", dilation=" + py_pair(p.dilation) + ", bias=" + py_bool(p.bias) + ")";
          },
      .onnx_export = &onnx_conv,
      .card_summary = [](const NodeSpec& n) { return conv_summary(n, "Conv2d"); },
      .editor_defaults = &conv_defaults,
      .penalized_weight = true,
  });

  out.push_back({
      .kind = NodeKind::LocallyConnected2d,
      .pytorch_name = "LocallyConnected2d",
      .name_prefix = "local",
      .group = PaletteGroup::Convolution,
      .summary = "Like a convolution, but every position has its own filter: no weight sharing, "
                 "many more parameters.",
      .params = concat({out_channels(), kernel("The filter's height and width."),
                        stride("How far the filter moves per step; 2 halves the image."),
                        padding("Zeros added around the image; (k-1)/2 keeps its size.")},
                       weight_params()),
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<LocallyConnected2d>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            const LayerParams& p = a.params;
            return "LocallyConnected2d(" + std::to_string(a.input[0]) + ", " +
                   std::to_string(p.out_channels) + ", kernel_size=" + py_pair(p.kernel) +
                   ", stride=" + py_pair(p.stride) + ", padding=" + py_pair(p.padding) +
                   ", dilation=" + py_pair(p.dilation) + ", output_size=(" +
                   std::to_string(a.output[1]) + ", " + std::to_string(a.output[2]) +
                   "), bias=" + py_bool(p.bias) + ")";
          },
      .onnx_export = &onnx_locally_connected,
      .card_summary = [](const NodeSpec& n) { return conv_summary(n, "LocallyConnected2d"); },
      .editor_defaults = &conv_defaults,
      .penalized_weight = true,
  });

  out.push_back({
      .kind = NodeKind::MaxPool2d,
      .pytorch_name = "MaxPool2d",
      .name_prefix = "pool",
      .group = PaletteGroup::Convolution,
      .summary = "Keeps the largest value in each window: shrinks the image and makes features "
                 "robust to small shifts.",
      .params = {kernel("The pooling window's height and width."), pool_stride(),
                 padding("Implicit padding (-inf) around the image, at most half the kernel."),
                 dilation("Spacing between window taps: a wider window, the same number of "
                          "taps.")},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Pool2d>(Pool2d::Kind::Max, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            const LayerParams& p = a.params;
            return "nn.MaxPool2d(kernel_size=" + py_pair(p.kernel) +
                   ", stride=" + py_pair(p.stride) + ", padding=" + py_pair(p.padding) +
                   ", dilation=" + py_pair(p.dilation) + ")";
          },
      .onnx_export = [](const OnnxExportArgs& a) { return onnx_pool(a, true); },
      .card_summary = [](const NodeSpec& n) { return "MaxPool2d " + window(n.params.kernel); },
      .editor_defaults = &pool_defaults,
  });

  out.push_back({
      .kind = NodeKind::AvgPool2d,
      .pytorch_name = "AvgPool2d",
      .name_prefix = "avgpool",
      .group = PaletteGroup::Convolution,
      .summary = "Averages each window: shrinks the image smoothly.",
      .params = {kernel("The pooling window's height and width."),
                 pool_stride(),
                 padding("Implicit zero padding around the image, at most half the kernel."),
                 {.key = "count_include_pad",
                  .label = "Count padding",
                  .tooltip = "count_include_pad: whether padded zeros count in the average.",
                  .field = &LayerParams::count_include_pad,
                  .relevant =
                      [](const LayerParams& p) { return p.padding[0] != 0 || p.padding[1] != 0; }}},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<Pool2d>(Pool2d::Kind::Avg, p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            const LayerParams& p = a.params;
            return "nn.AvgPool2d(kernel_size=" + py_pair(p.kernel) +
                   ", stride=" + py_pair(p.stride) + ", padding=" + py_pair(p.padding) +
                   ", count_include_pad=" + py_bool(p.count_include_pad) + ")";
          },
      .onnx_export = [](const OnnxExportArgs& a) { return onnx_pool(a, false); },
      .card_summary = [](const NodeSpec& n) { return "AvgPool2d " + window(n.params.kernel); },
      .editor_defaults = &pool_defaults,
  });

  out.push_back({
      .kind = NodeKind::AdaptiveAvgPool2d,
      .pytorch_name = "AdaptiveAvgPool2d",
      .name_prefix = "gap",
      .group = PaletteGroup::Convolution,
      .summary = "Averages each channel down to a fixed output size whatever the input size; "
                 "(1, 1) is global average pooling.",
      .params = {{.key = "output_size",
                  .label = "Output size",
                  .tooltip = "The fixed (h, w) every channel is averaged down to.",
                  .field = &LayerParams::output_size,
                  .range = {1, 64}}},
      .make = [](const LayerParams& p) -> std::unique_ptr<Layer> {
        return std::make_unique<AdaptiveAvgPool2d>(p);
      },
      .pytorch_module =
          [](const PyTorchExportArgs& a) {
            return "nn.AdaptiveAvgPool2d(" + py_pair(a.params.output_size) + ")";
          },
      .onnx_export = &onnx_adaptive_avg_pool,
      .card_summary =
          [](const NodeSpec& n) { return "AdaptiveAvgPool2d " + window(n.params.output_size); },
  });
}

}  // namespace bp
