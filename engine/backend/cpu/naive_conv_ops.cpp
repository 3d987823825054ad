// Plain-loop reference of every ConvOps operation (see conv_ops.h for the contracts).
#include "engine/backend/cpu/naive_conv_ops.h"

#include <cmath>
#include <limits>
#include <vector>

namespace bp {
namespace {

class NaiveConvOps final : public ConvOps {
 public:
  // x: (N, Cin, H, W)  w: (Cout, Cin, kh, kw)  b: (Cout)  y: (N, Cout, Ho, Wo)
  void conv2d_forward(const Tensor& x, const Tensor& w, const Tensor* b, const Conv2dGeometry& g,
                      Tensor& y) override {
    const int N = d(x, 0), C = d(x, 1), H = d(x, 2), W = d(x, 3);
    const int K = d(w, 0), Ho = d(y, 2), Wo = d(y, 3);
    for (int n = 0; n < N; ++n)
      for (int k = 0; k < K; ++k)
        for (int oh = 0; oh < Ho; ++oh)
          for (int ow = 0; ow < Wo; ++ow) {
            double s = b ? b->data()[k] : 0.0;
            for (int c = 0; c < C; ++c)
              for (int i = 0; i < g.kernel_h; ++i)
                for (int j = 0; j < g.kernel_w; ++j) {
                  const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
                  const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
                  if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  s += static_cast<double>(at4(x, n, c, ih, iw)) * at4(w, k, c, i, j);
                }
            at4(y, n, k, oh, ow) = static_cast<float>(s);
          }
  }

  // Forward: y[n,k,oh,ow] = b[k] + sum_{c,i,j} x[n,c,ih,iw] w[k,c,i,j],
  //          ih = oh*stride - pad + i*dilation (likewise iw), out-of-range terms skipped.
  // Each product term sends dy[n,k,oh,ow] back to both of its factors:
  //   dx[n,c,ih,iw] += dy[n,k,oh,ow] w[k,c,i,j]   dw[k,c,i,j] += dy[n,k,oh,ow] x[n,c,ih,iw]
  //   db[k] += dy[n,k,oh,ow]
  void conv2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy, const Conv2dGeometry& g,
                       Tensor* dx, Tensor* dw, Tensor* db) override {
    const int N = d(x, 0), C = d(x, 1), H = d(x, 2), W = d(x, 3);
    const int K = d(w, 0), Ho = d(dy, 2), Wo = d(dy, 3);
    if (dx) zero(*dx);
    for (int n = 0; n < N; ++n)
      for (int k = 0; k < K; ++k)
        for (int oh = 0; oh < Ho; ++oh)
          for (int ow = 0; ow < Wo; ++ow) {
            const float go = at4(dy, n, k, oh, ow);
            if (db) db->data()[k] += go;
            for (int c = 0; c < C; ++c)
              for (int i = 0; i < g.kernel_h; ++i)
                for (int j = 0; j < g.kernel_w; ++j) {
                  const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
                  const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
                  if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  if (dx) at4(*dx, n, c, ih, iw) += go * at4(w, k, c, i, j);
                  if (dw) at4(*dw, k, c, i, j) += go * at4(x, n, c, ih, iw);
                }
          }
  }

  // x: (N, Cin, H, W)  w: (Ho*Wo, Cout, Cin*kh*kw)  b: (Cout, Ho, Wo)  y: (N, Cout, Ho, Wo)
  void locally_connected2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                                   const Conv2dGeometry& g, Tensor& y) override {
    const int N = d(x, 0), C = d(x, 1), H = d(x, 2), W = d(x, 3);
    const int K = d(y, 1), Ho = d(y, 2), Wo = d(y, 3);
    const int kk = g.kernel_h * g.kernel_w, R = C * kk;
    for (int n = 0; n < N; ++n)
      for (int k = 0; k < K; ++k)
        for (int oh = 0; oh < Ho; ++oh)
          for (int ow = 0; ow < Wo; ++ow) {
            const int p = oh * Wo + ow;
            const float* wp = w.data() + (static_cast<int64_t>(p) * K + k) * R;
            double s = b ? b->data()[(k * Ho + oh) * Wo + ow] : 0.0;
            for (int c = 0; c < C; ++c)
              for (int i = 0; i < g.kernel_h; ++i)
                for (int j = 0; j < g.kernel_w; ++j) {
                  const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
                  const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
                  if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  s += static_cast<double>(at4(x, n, c, ih, iw)) * wp[c * kk + i * g.kernel_w + j];
                }
            at4(y, n, k, oh, ow) = static_cast<float>(s);
          }
  }

  // Forward: as conv2d, but the weight w[p,k,r] belongs to output position p = oh*Wo + ow,
  // and the bias b[k,oh,ow] too: the same per-term rule, with no sum over positions for dw, db.
  void locally_connected2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                                    const Conv2dGeometry& g, Tensor* dx, Tensor* dw,
                                    Tensor* db) override {
    const int N = d(x, 0), C = d(x, 1), H = d(x, 2), W = d(x, 3);
    const int K = d(dy, 1), Ho = d(dy, 2), Wo = d(dy, 3);
    const int kk = g.kernel_h * g.kernel_w, R = C * kk;
    if (dx) zero(*dx);
    for (int n = 0; n < N; ++n)
      for (int k = 0; k < K; ++k)
        for (int oh = 0; oh < Ho; ++oh)
          for (int ow = 0; ow < Wo; ++ow) {
            const int p = oh * Wo + ow;
            const int64_t woff = (static_cast<int64_t>(p) * K + k) * R;
            const float go = at4(dy, n, k, oh, ow);
            if (db) db->data()[(k * Ho + oh) * Wo + ow] += go;
            for (int c = 0; c < C; ++c)
              for (int i = 0; i < g.kernel_h; ++i)
                for (int j = 0; j < g.kernel_w; ++j) {
                  const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
                  const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
                  if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  const int r = c * kk + i * g.kernel_w + j;
                  if (dx) at4(*dx, n, c, ih, iw) += go * w.data()[woff + r];
                  if (dw) dw->data()[woff + r] += go * at4(x, n, c, ih, iw);
                }
          }
  }

  // x: (N, C, H, W)  y: (N, C, Ho, Wo)
  void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) override {
    for_each_window(x, y, g, [&](int n, int c, int oh, int ow) {
      float best = -std::numeric_limits<float>::infinity();
      window(x, g, oh, ow, [&](int ih, int iw) { best = std::max(best, at4(x, n, c, ih, iw)); });
      at4(y, n, c, oh, ow) = best;
    });
  }

  // Forward: y = max over the window; locally y = x[argmax] (first maximum), so
  // dx[argmax] += dy and every other window element gets nothing (windows may overlap: +=).
  void max_pool2d_backward(const Tensor& x, const Tensor& y, const Tensor& dy,
                           const Pool2dGeometry& g, Tensor& dx) override {
    zero(dx);
    for_each_window(x, y, g, [&](int n, int c, int oh, int ow) {
      float best = -std::numeric_limits<float>::infinity();
      int bh = -1, bw = -1;
      window(x, g, oh, ow, [&](int ih, int iw) {
        const float v = at4(x, n, c, ih, iw);
        if (v > best || bh < 0) {
          best = v;
          bh = ih;
          bw = iw;
        }
      });
      if (bh >= 0) at4(dx, n, c, bh, bw) += at4(dy, n, c, oh, ow);
    });
  }

  void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) override {
    for_each_window(x, y, g, [&](int n, int c, int oh, int ow) {
      double s = 0.0;
      window(x, g, oh, ow, [&](int ih, int iw) { s += at4(x, n, c, ih, iw); });
      at4(y, n, c, oh, ow) = static_cast<float>(s / avg_divisor(x, g, oh, ow));
    });
  }

  // Forward: y = (1/divisor) sum over the window, so each window element gets dy / divisor.
  void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) override {
    zero(dx);
    for_each_window(dx, dy, g, [&](int n, int c, int oh, int ow) {
      const float v = at4(dy, n, c, oh, ow) / static_cast<float>(avg_divisor(dx, g, oh, ow));
      window(dx, g, oh, ow, [&](int ih, int iw) { at4(dx, n, c, ih, iw) += v; });
    });
  }

  void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y) override {
    const int H = d(x, 2), W = d(x, 3), Ho = d(y, 2), Wo = d(y, 3);
    for (int n = 0; n < d(x, 0); ++n)
      for (int c = 0; c < d(x, 1); ++c)
        for (int oh = 0; oh < Ho; ++oh)
          for (int ow = 0; ow < Wo; ++ow) {
            const int h0 = adaptive_start(oh, Ho, H), h1 = adaptive_end(oh, Ho, H);
            const int w0 = adaptive_start(ow, Wo, W), w1 = adaptive_end(ow, Wo, W);
            double s = 0.0;
            for (int ih = h0; ih < h1; ++ih)
              for (int iw = w0; iw < w1; ++iw) s += at4(x, n, c, ih, iw);
            at4(y, n, c, oh, ow) = static_cast<float>(s / ((h1 - h0) * (w1 - w0)));
          }
  }

  // Forward: y = mean over the bin [h0, h1) x [w0, w1), so each bin element gets dy / area.
  void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx) override {
    const int H = d(dx, 2), W = d(dx, 3), Ho = d(dy, 2), Wo = d(dy, 3);
    zero(dx);
    for (int n = 0; n < d(dx, 0); ++n)
      for (int c = 0; c < d(dx, 1); ++c)
        for (int oh = 0; oh < Ho; ++oh)
          for (int ow = 0; ow < Wo; ++ow) {
            const int h0 = adaptive_start(oh, Ho, H), h1 = adaptive_end(oh, Ho, H);
            const int w0 = adaptive_start(ow, Wo, W), w1 = adaptive_end(ow, Wo, W);
            const float v = at4(dy, n, c, oh, ow) / static_cast<float>((h1 - h0) * (w1 - w0));
            for (int ih = h0; ih < h1; ++ih)
              for (int iw = w0; iw < w1; ++iw) at4(dx, n, c, ih, iw) += v;
          }
  }

 private:
  static int d(const Tensor& t, int i) { return static_cast<int>(t.dim(i)); }
  static float& at4(const Tensor& t, int n, int c, int h, int w) {
    const int64_t idx = ((static_cast<int64_t>(n) * t.dim(1) + c) * t.dim(2) + h) * t.dim(3) + w;
    return const_cast<float*>(t.data())[idx];
  }
  static void zero(Tensor& t) {
    for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = 0.0f;
  }
  template <class F>
  static void for_each_window(const Tensor& x, const Tensor& y, const Pool2dGeometry&, F f) {
    for (int n = 0; n < d(x, 0); ++n)
      for (int c = 0; c < d(x, 1); ++c)
        for (int oh = 0; oh < d(y, 2); ++oh)
          for (int ow = 0; ow < d(y, 3); ++ow) f(n, c, oh, ow);
  }
  // Calls f(ih, iw) for the in-bounds taps of window (oh, ow); taps are dilation apart.
  template <class F>
  static void window(const Tensor& x, const Pool2dGeometry& g, int oh, int ow, F f) {
    for (int i = 0; i < g.kernel_h; ++i)
      for (int j = 0; j < g.kernel_w; ++j) {
        const int ih = oh * g.stride_h - g.pad_h + i * g.dilation_h;
        const int iw = ow * g.stride_w - g.pad_w + j * g.dilation_w;
        if (ih >= 0 && ih < d(x, 2) && iw >= 0 && iw < d(x, 3)) f(ih, iw);
      }
  }
  // torch: with count_include_pad the window is clipped to the padded input, else to the input.
  static int avg_divisor(const Tensor& x, const Pool2dGeometry& g, int oh, int ow) {
    const int H = d(x, 2), W = d(x, 3);
    int h0 = oh * g.stride_h - g.pad_h, w0 = ow * g.stride_w - g.pad_w;
    int h1 = std::min(h0 + g.kernel_h, H + g.pad_h), w1 = std::min(w0 + g.kernel_w, W + g.pad_w);
    if (g.count_include_pad) return (h1 - h0) * (w1 - w0);
    h0 = std::max(h0, 0);
    w0 = std::max(w0, 0);
    h1 = std::min(h1, H);
    w1 = std::min(w1, W);
    return (h1 - h0) * (w1 - w0);
  }
};

}  // namespace

std::unique_ptr<ConvOps> make_naive_conv_ops() {
  return std::make_unique<NaiveConvOps>();
}

}  // namespace bp
