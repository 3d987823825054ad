// im2col / col2im for the CPU convolution (rows: (c, i, j) of the kernel; columns: output
// positions of every sample).
#include <algorithm>
#include <cstring>

#include "engine/backend/cpu/cpu_conv_kernels.h"

namespace bp::cpu {
namespace {

// The range of ow whose input column iw = ow*stride - pad + offset lies in [0, W).
inline void valid_range(int offset, int stride, int W, int Wo, int& lo, int& hi) {
  // iw >= 0  <=>  ow >= ceil(-offset / stride)
  lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
  // iw <= W-1 <=> ow <= floor((W-1-offset) / stride)
  hi = W - 1 - offset < 0 ? 0 : std::min(Wo, (W - 1 - offset) / stride + 1);
  lo = std::min(lo, hi);
}

}  // namespace

void im2col(const float* x, int N, int C, int H, int W, const Conv2dGeometry& g, int Ho, int Wo,
            float* cols) {
  const int64_t P = static_cast<int64_t>(Ho) * Wo;
  const int64_t NP = N * P;
  for (int c = 0; c < C; ++c)
    for (int i = 0; i < g.kernel_h; ++i)
      for (int j = 0; j < g.kernel_w; ++j) {
        const int64_t r = (static_cast<int64_t>(c) * g.kernel_h + i) * g.kernel_w + j;
        float* row = cols + r * NP;
        const int woff = j * g.dilation_w - g.pad_w;
        int lo, hi;
        valid_range(woff, g.stride_w, W, Wo, lo, hi);
        for (int n = 0; n < N; ++n) {
          const float* plane = x + (static_cast<int64_t>(n) * C + c) * H * W;
          for (int oh = 0; oh < Ho; ++oh) {
            float* out = row + n * P + static_cast<int64_t>(oh) * Wo;
            const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
            if (ih < 0 || ih >= H) {
              std::fill(out, out + Wo, 0.0f);
              continue;
            }
            const float* in = plane + static_cast<int64_t>(ih) * W;
            std::fill(out, out + lo, 0.0f);
            if (g.stride_w == 1) {
              if (hi > lo)
                std::memcpy(out + lo, in + woff + lo, sizeof(float) * static_cast<size_t>(hi - lo));
            } else {
              for (int ow = lo; ow < hi; ++ow) out[ow] = in[ow * g.stride_w + woff];
            }
            std::fill(out + hi, out + Wo, 0.0f);
          }
        }
      }
}

void col2im(const float* cols, int N, int C, int H, int W, const Conv2dGeometry& g, int Ho, int Wo,
            float* dx) {
  const int64_t P = static_cast<int64_t>(Ho) * Wo;
  const int64_t NP = N * P;
  std::fill(dx, dx + static_cast<int64_t>(N) * C * H * W, 0.0f);
  for (int c = 0; c < C; ++c)
    for (int i = 0; i < g.kernel_h; ++i)
      for (int j = 0; j < g.kernel_w; ++j) {
        const int64_t r = (static_cast<int64_t>(c) * g.kernel_h + i) * g.kernel_w + j;
        const float* row = cols + r * NP;
        const int woff = j * g.dilation_w - g.pad_w;
        int lo, hi;
        valid_range(woff, g.stride_w, W, Wo, lo, hi);
        for (int n = 0; n < N; ++n) {
          float* plane = dx + (static_cast<int64_t>(n) * C + c) * H * W;
          for (int oh = 0; oh < Ho; ++oh) {
            const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
            if (ih < 0 || ih >= H) continue;
            const float* in = row + n * P + static_cast<int64_t>(oh) * Wo;
            float* out = plane + static_cast<int64_t>(ih) * W;
            for (int ow = lo; ow < hi; ++ow) out[ow * g.stride_w + woff] += in[ow];
          }
        }
      }
}

}  // namespace bp::cpu
