#pragma once
// Shared by the convolution and pooling layers: LayerParams -> geometry, torch's output size
// formula, and the user-facing messages for impossible geometries.
#include <optional>
#include <string>

#include "engine/backend/conv_ops.h"
#include "engine/core/shape.h"
#include "engine/graph/network_spec.h"

namespace bp {

inline Conv2dGeometry conv_geometry(const LayerParams& p) {
  Conv2dGeometry g;
  g.kernel_h = p.kernel[0];
  g.kernel_w = p.kernel[1];
  g.stride_h = p.stride[0];
  g.stride_w = p.stride[1];
  g.pad_h = p.padding[0];
  g.pad_w = p.padding[1];
  g.dilation_h = p.dilation[0];
  g.dilation_w = p.dilation[1];
  return g;
}

// MaxPool2d reads params.dilation; AvgPool2d (torch has no dilation there) passes dilated=false.
inline Pool2dGeometry pool_geometry(const LayerParams& p, bool dilated) {
  Pool2dGeometry g;
  g.kernel_h = p.kernel[0];
  g.kernel_w = p.kernel[1];
  g.stride_h = p.stride[0];
  g.stride_w = p.stride[1];
  g.pad_h = p.padding[0];
  g.pad_w = p.padding[1];
  g.dilation_h = dilated ? p.dilation[0] : 1;
  g.dilation_w = dilated ? p.dilation[1] : 1;
  g.count_include_pad = p.count_include_pad;
  return g;
}

inline std::string hw(int h, int w) {
  return std::to_string(h) + "x" + std::to_string(w);
}

// "Conv2d expects an image (C, H, W), got (784): set the Input shape to (1, 28, 28)"
inline std::optional<std::string> expect_image(const std::string& layer, const Shape& in) {
  if (in.rank() == 3) return std::nullopt;
  std::string hint = "reshape the data into channels x height x width";
  if (in.rank() == 1) {
    const int64_t n = in[0];
    for (int64_t c : {1, 3}) {
      if (n % c) continue;
      const int64_t s = n / c;
      int64_t r = 1;
      while ((r + 1) * (r + 1) <= s) ++r;
      if (r * r == s) {
        hint = "set the Input shape to (" + std::to_string(c) + ", " + std::to_string(r) + ", " +
               std::to_string(r) + ")";
        break;
      }
    }
  }
  return layer + " expects an image (C, H, W), got " + in.to_string() + ": " + hint;
}

// Ho, Wo for a (C, H, W) input, or a message.
inline std::optional<std::string> conv_output_hw(const std::string& layer, int H, int W,
                                                 const Conv2dGeometry& g, int& Ho, int& Wo) {
  if (g.kernel_h < 1 || g.kernel_w < 1) return layer + ": kernel size must be at least 1";
  if (g.stride_h < 1 || g.stride_w < 1) return layer + ": stride must be at least 1";
  if (g.dilation_h < 1 || g.dilation_w < 1) return layer + ": dilation must be at least 1";
  if (g.pad_h < 0 || g.pad_w < 0) return layer + ": padding cannot be negative";
  const int eh = g.dilation_h * (g.kernel_h - 1) + 1, ew = g.dilation_w * (g.kernel_w - 1) + 1;
  const int ph = H + 2 * g.pad_h, pw = W + 2 * g.pad_w;
  if (eh > ph || ew > pw)
    return layer + ": the kernel (" + hw(eh, ew) +
           " with dilation) is larger than the padded input (" + hw(ph, pw) +
           "): use a smaller kernel, more padding, or a larger input";
  Ho = (ph - eh) / g.stride_h + 1;
  Wo = (pw - ew) / g.stride_w + 1;
  return std::nullopt;
}

}  // namespace bp
