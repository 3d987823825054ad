// CPU pooling kernels: one (n, c) plane at a time with raw pointers; window bounds clipped once
// per output position instead of tested per element.
// GCC 12 reports a false "may be used uninitialized" inside its own AVX-512 max intrinsic
// (cpu_pool_2x2.h).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <algorithm>
#include <limits>

#include "engine/backend/cpu/cpu_conv_kernels.h"
#include "engine/backend/cpu/cpu_pool_2x2.h"
#include "engine/backend/cpu/naive_conv_ops.h"

namespace bp::cpu {
namespace {

struct Planes {
  int64_t count;  // N*C
  int H, W, Ho, Wo;
};

Planes planes(const Tensor& in, const Tensor& out) {
  return {in.dim(0) * in.dim(1), static_cast<int>(in.dim(2)), static_cast<int>(in.dim(3)),
          static_cast<int>(out.dim(2)), static_cast<int>(out.dim(3))};
}

struct Window {
  int h0, h1, w0, w1;  // clipped to the input
  int divisor;         // AvgPool2d
};

inline Window window(const Pool2dGeometry& g, int H, int W, int oh, int ow) {
  int h0 = oh * g.stride_h - g.pad_h, w0 = ow * g.stride_w - g.pad_w;
  int h1 = std::min(h0 + g.kernel_h, H + g.pad_h), w1 = std::min(w0 + g.kernel_w, W + g.pad_w);
  const int padded = (h1 - h0) * (w1 - w0);
  h0 = std::max(h0, 0);
  w0 = std::max(w0, 0);
  h1 = std::min(h1, H);
  w1 = std::min(w1, W);
  return {h0, h1, w0, w1, g.count_include_pad ? padded : (h1 - h0) * (w1 - w0)};
}

// Index (within the plane) of the first maximum of the window; -1 when the window is empty.
inline int argmax(const float* plane, int W, const Window& win) {
  int best = -1;
  float v = -std::numeric_limits<float>::infinity();
  for (int ih = win.h0; ih < win.h1; ++ih)
    for (int iw = win.w0; iw < win.w1; ++iw) {
      const float e = plane[ih * W + iw];
      if (e > v || best < 0) {
        v = e;
        best = ih * W + iw;
      }
    }
  return best;
}

// Dilated windows (MaxPool2d's dilation > 1): the first maximum over the in-bounds taps, which
// lie dilation apart; -1 when no tap is in bounds.
inline int argmax_dilated(const float* plane, int H, int W, const Pool2dGeometry& g, int oh,
                          int ow) {
  int best = -1;
  float v = -std::numeric_limits<float>::infinity();
  for (int i = 0; i < g.kernel_h; ++i) {
    const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
    if (ih < 0 || ih >= H) continue;
    for (int j = 0; j < g.kernel_w; ++j) {
      const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
      if (iw < 0 || iw >= W) continue;
      const float e = plane[ih * W + iw];
      if (e > v || best < 0) {
        v = e;
        best = ih * W + iw;
      }
    }
  }
  return best;
}

inline int max_index(const float* plane, int H, int W, const Pool2dGeometry& g, int oh, int ow) {
  if (g.dilation_h == 1 && g.dilation_w == 1) return argmax(plane, W, window(g, H, W, oh, ow));
  return argmax_dilated(plane, H, W, g, oh, ow);
}

}  // namespace

void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) {
  const Planes s = planes(x, y);
  const bool simple2x2 = g.kernel_h == 2 && g.kernel_w == 2 && g.stride_h == 2 && g.stride_w == 2 &&
                         g.pad_h == 0 && g.pad_w == 0 && g.dilation_h == 1 && g.dilation_w == 1;
  for (int64_t pl = 0; pl < s.count; ++pl) {
    const float* in = x.data() + pl * s.H * s.W;
    float* out = y.data() + pl * s.Ho * s.Wo;
    if (simple2x2) {
      for (int oh = 0; oh < s.Ho; ++oh)
        max_pool_2x2_row_forward(in + 2 * oh * s.W, in + (2 * oh + 1) * s.W, out + oh * s.Wo, s.Wo);
      continue;
    }
    for (int oh = 0; oh < s.Ho; ++oh)
      for (int ow = 0; ow < s.Wo; ++ow) {
        const int i = max_index(in, s.H, s.W, g, oh, ow);
        out[oh * s.Wo + ow] = i >= 0 ? in[i] : -std::numeric_limits<float>::infinity();
      }
  }
}

void max_pool2d_backward(const Tensor& x, const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) {
  const Planes s = planes(x, dy);
  const bool simple2x2 = g.kernel_h == 2 && g.kernel_w == 2 && g.stride_h == 2 && g.stride_w == 2 &&
                         g.pad_h == 0 && g.pad_w == 0 && g.dilation_h == 1 && g.dilation_w == 1;
  // Non-overlapping 2x2 windows cover every element when H and W are even: no clearing needed.
  if (!simple2x2 || s.H % 2 || s.W % 2) std::fill(dx.data(), dx.data() + dx.numel(), 0.0f);
  for (int64_t pl = 0; pl < s.count; ++pl) {
    const float* in = x.data() + pl * s.H * s.W;
    const float* gout = dy.data() + pl * s.Ho * s.Wo;
    float* gin = dx.data() + pl * s.H * s.W;
    if (simple2x2) {
      for (int oh = 0; oh < s.Ho; ++oh)
        max_pool_2x2_row_backward(in + 2 * oh * s.W, in + (2 * oh + 1) * s.W, gout + oh * s.Wo,
                                  gin + 2 * oh * s.W, gin + (2 * oh + 1) * s.W, s.Wo);
      continue;
    }
    for (int oh = 0; oh < s.Ho; ++oh)
      for (int ow = 0; ow < s.Wo; ++ow) {
        const int i = max_index(in, s.H, s.W, g, oh, ow);
        if (i >= 0) gin[i] += gout[oh * s.Wo + ow];
      }
  }
}

void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) {
  const Planes s = planes(x, y);
  for (int64_t pl = 0; pl < s.count; ++pl) {
    const float* in = x.data() + pl * s.H * s.W;
    float* out = y.data() + pl * s.Ho * s.Wo;
    for (int oh = 0; oh < s.Ho; ++oh)
      for (int ow = 0; ow < s.Wo; ++ow) {
        const Window win = window(g, s.H, s.W, oh, ow);
        float sum = 0.0f;
        for (int ih = win.h0; ih < win.h1; ++ih)
          for (int iw = win.w0; iw < win.w1; ++iw) sum += in[ih * s.W + iw];
        out[oh * s.Wo + ow] = sum / static_cast<float>(win.divisor);
      }
  }
}

void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) {
  const Planes s = planes(dx, dy);
  std::fill(dx.data(), dx.data() + dx.numel(), 0.0f);
  for (int64_t pl = 0; pl < s.count; ++pl) {
    const float* gout = dy.data() + pl * s.Ho * s.Wo;
    float* gin = dx.data() + pl * s.H * s.W;
    for (int oh = 0; oh < s.Ho; ++oh)
      for (int ow = 0; ow < s.Wo; ++ow) {
        const Window win = window(g, s.H, s.W, oh, ow);
        const float v = gout[oh * s.Wo + ow] / static_cast<float>(win.divisor);
        for (int ih = win.h0; ih < win.h1; ++ih)
          for (int iw = win.w0; iw < win.w1; ++iw) gin[ih * s.W + iw] += v;
      }
  }
}

void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y) {
  const Planes s = planes(x, y);
  for (int64_t pl = 0; pl < s.count; ++pl) {
    const float* in = x.data() + pl * s.H * s.W;
    float* out = y.data() + pl * s.Ho * s.Wo;
    for (int oh = 0; oh < s.Ho; ++oh) {
      const int h0 = adaptive_start(oh, s.Ho, s.H), h1 = adaptive_end(oh, s.Ho, s.H);
      for (int ow = 0; ow < s.Wo; ++ow) {
        const int w0 = adaptive_start(ow, s.Wo, s.W), w1 = adaptive_end(ow, s.Wo, s.W);
        float sum = 0.0f;
        for (int ih = h0; ih < h1; ++ih)
          for (int iw = w0; iw < w1; ++iw) sum += in[ih * s.W + iw];
        out[oh * s.Wo + ow] = sum / static_cast<float>((h1 - h0) * (w1 - w0));
      }
    }
  }
}

void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx) {
  const Planes s = planes(dx, dy);
  std::fill(dx.data(), dx.data() + dx.numel(), 0.0f);
  for (int64_t pl = 0; pl < s.count; ++pl) {
    const float* gout = dy.data() + pl * s.Ho * s.Wo;
    float* gin = dx.data() + pl * s.H * s.W;
    for (int oh = 0; oh < s.Ho; ++oh) {
      const int h0 = adaptive_start(oh, s.Ho, s.H), h1 = adaptive_end(oh, s.Ho, s.H);
      for (int ow = 0; ow < s.Wo; ++ow) {
        const int w0 = adaptive_start(ow, s.Wo, s.W), w1 = adaptive_end(ow, s.Wo, s.W);
        const float v = gout[oh * s.Wo + ow] / static_cast<float>((h1 - h0) * (w1 - w0));
        for (int ih = h0; ih < h1; ++ih)
          for (int iw = w0; iw < w1; ++iw) gin[ih * s.W + iw] += v;
      }
    }
  }
}

}  // namespace bp::cpu
