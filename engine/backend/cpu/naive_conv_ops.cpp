// Plain-loop reference of every ConvOps operation (see conv_ops.h for the contracts).
#include "engine/backend/cpu/naive_conv_ops.h"

#include <cmath>
#include <limits>
#include <vector>

#include "engine/core/counter_rng.h"

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

  // x, y: (N, C, S...) viewed as (N, C, S)
  void batch_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                          Tensor& running_mean, Tensor& running_var, Mode mode, float momentum,
                          float eps, Tensor& save_mean, Tensor& save_invstd, Tensor& y) override {
    const int64_t N = x.dim(0), C = x.dim(1), S = x.numel() / (N * C);
    for (int64_t c = 0; c < C; ++c) {
      double mean = 0.0, var = 0.0;
      if (mode == Mode::Train) {
        for (int64_t n = 0; n < N; ++n)
          for (int64_t s = 0; s < S; ++s) mean += x.data()[(n * C + c) * S + s];
        const auto M = static_cast<double>(N * S);
        mean /= M;
        for (int64_t n = 0; n < N; ++n)
          for (int64_t s = 0; s < S; ++s) {
            const double e = x.data()[(n * C + c) * S + s] - mean;
            var += e * e;
          }
        const double unbiased = M > 1 ? var / (M - 1) : var;
        var /= M;
        running_mean.data()[c] =
            static_cast<float>((1.0 - momentum) * running_mean.data()[c] + momentum * mean);
        running_var.data()[c] =
            static_cast<float>((1.0 - momentum) * running_var.data()[c] + momentum * unbiased);
      } else {
        mean = running_mean.data()[c];
        var = running_var.data()[c];
      }
      const double invstd = 1.0 / std::sqrt(var + eps);
      save_mean.data()[c] = static_cast<float>(mean);
      save_invstd.data()[c] = static_cast<float>(invstd);
      const double gm = gamma ? gamma->data()[c] : 1.0, bt = beta ? beta->data()[c] : 0.0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t s = 0; s < S; ++s) {
          const int64_t i = (n * C + c) * S + s;
          y.data()[i] = static_cast<float>((x.data()[i] - mean) * invstd * gm + bt);
        }
    }
  }

  void batch_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                           const Tensor& save_invstd, const Tensor& dy, Mode mode, Tensor* dx,
                           Tensor* dgamma, Tensor* dbeta) override {
    const int64_t N = x.dim(0), C = x.dim(1), S = x.numel() / (N * C);
    const auto M = static_cast<double>(N * S);
    for (int64_t c = 0; c < C; ++c) {
      const double mean = save_mean.data()[c], invstd = save_invstd.data()[c];
      double sdy = 0.0, sdyxh = 0.0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t s = 0; s < S; ++s) {
          const int64_t i = (n * C + c) * S + s;
          sdy += dy.data()[i];
          sdyxh += dy.data()[i] * (x.data()[i] - mean) * invstd;
        }
      if (dgamma) dgamma->data()[c] += static_cast<float>(sdyxh);
      if (dbeta) dbeta->data()[c] += static_cast<float>(sdy);
      if (!dx) continue;
      const double gm = gamma ? gamma->data()[c] : 1.0;
      for (int64_t n = 0; n < N; ++n)
        for (int64_t s = 0; s < S; ++s) {
          const int64_t i = (n * C + c) * S + s;
          const double xh = (x.data()[i] - mean) * invstd;
          const double v = mode == Mode::Train
                               ? gm * invstd * (dy.data()[i] - sdy / M - xh * sdyxh / M)
                               : gm * invstd * dy.data()[i];
          dx->data()[i] = static_cast<float>(v);
        }
    }
  }

  // x, y: (N, D)  gamma, beta: (D)  save_*: (N)
  void layer_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta, float eps,
                          Tensor& save_mean, Tensor& save_invstd, Tensor& y) override {
    const int64_t N = x.dim(0), D = x.numel() / N;
    for (int64_t n = 0; n < N; ++n) {
      const float* xr = x.data() + n * D;
      double mean = 0.0, var = 0.0;
      for (int64_t i = 0; i < D; ++i) mean += xr[i];
      mean /= static_cast<double>(D);
      for (int64_t i = 0; i < D; ++i) var += (xr[i] - mean) * (xr[i] - mean);
      var /= static_cast<double>(D);
      const double invstd = 1.0 / std::sqrt(var + eps);
      save_mean.data()[n] = static_cast<float>(mean);
      save_invstd.data()[n] = static_cast<float>(invstd);
      for (int64_t i = 0; i < D; ++i)
        y.data()[n * D + i] =
            static_cast<float>((xr[i] - mean) * invstd * (gamma ? gamma->data()[i] : 1.0) +
                               (beta ? beta->data()[i] : 0.0));
    }
  }

  void layer_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                           const Tensor& save_invstd, const Tensor& dy, Tensor* dx, Tensor* dgamma,
                           Tensor* dbeta) override {
    const int64_t N = x.dim(0), D = x.numel() / N;
    for (int64_t n = 0; n < N; ++n) {
      const double mean = save_mean.data()[n], invstd = save_invstd.data()[n];
      double sg = 0.0, sgxh = 0.0;  // sums of g = dy*gamma and g*xhat
      for (int64_t i = 0; i < D; ++i) {
        const int64_t k = n * D + i;
        const double xh = (x.data()[k] - mean) * invstd;
        const double gv = dy.data()[k] * (gamma ? gamma->data()[i] : 1.0);
        sg += gv;
        sgxh += gv * xh;
        if (dgamma) dgamma->data()[i] += static_cast<float>(dy.data()[k] * xh);
        if (dbeta) dbeta->data()[i] += dy.data()[k];
      }
      if (!dx) continue;
      for (int64_t i = 0; i < D; ++i) {
        const int64_t k = n * D + i;
        const double xh = (x.data()[k] - mean) * invstd;
        const double gv = dy.data()[k] * (gamma ? gamma->data()[i] : 1.0);
        dx->data()[k] = static_cast<float>(invstd * (gv - sg / D - xh * sgxh / D));
      }
    }
  }

  void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian, int64_t channel_size,
                    Tensor& mask) override {
    const CounterRng rng(seed, counter);
    const int64_t block = channel_size > 1 ? channel_size : 1;
    for (int64_t i = 0; i < mask.numel(); ++i) {
      const auto draw = static_cast<uint64_t>(i / block);
      float m;
      if (gaussian)
        m = 1.0f + std::sqrt(p / (1.0f - p)) * rng.normal(draw);
      else
        m = p >= 1.0f ? 0.0f : (rng.uniform(draw) >= p ? 1.0f / (1.0f - p) : 0.0f);
      mask.data()[i] = m;
    }
  }

  void multiply(const Tensor& x, const Tensor& mask, Tensor& y) override {
    for (int64_t i = 0; i < x.numel(); ++i) y.data()[i] = x.data()[i] * mask.data()[i];
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
