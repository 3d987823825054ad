// Descriptors of the convolutional family: Conv2d, LocallyConnected2d, MaxPool2d, AvgPool2d,
// AdaptiveAvgPool2d.
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
      .card_summary =
          [](const NodeSpec& n) { return "AdaptiveAvgPool2d " + window(n.params.output_size); },
  });
}

}  // namespace bp
