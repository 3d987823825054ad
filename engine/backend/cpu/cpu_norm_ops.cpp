// CPU normalization (BatchNorm, LayerNorm). Statistics are summed per contiguous (n, c) plane in
// float (vectorised by Eigen) and across planes in double.
// GCC 12 reports false "may be used uninitialized" inside Eigen's AVX-512 packet code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"

namespace bp {
namespace {

using ArrayMap = Eigen::Map<Eigen::ArrayXf>;
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;

// x, y: (N, C, S...) treated as (N, C, S)
void batch_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                        Tensor& running_mean, Tensor& running_var, Mode mode, float momentum,
                        float eps, Tensor& save_mean, Tensor& save_invstd, Tensor& y) {
  const int64_t N = x.dim(0), C = x.dim(1), S = x.numel() / (N * C);
  const auto M = static_cast<double>(N * S);
  for (int64_t c = 0; c < C; ++c) {
    float mean, invstd;
    if (mode == Mode::Train) {
      double sum = 0.0;
      for (int64_t n = 0; n < N; ++n) sum += ConstArrayMap(x.data() + (n * C + c) * S, S).sum();
      const double m = sum / M;
      double sq = 0.0;
      const auto mf = static_cast<float>(m);
      for (int64_t n = 0; n < N; ++n)
        sq += (ConstArrayMap(x.data() + (n * C + c) * S, S) - mf).square().sum();
      const double var = sq / M;
      const double unbiased = M > 1 ? sq / (M - 1) : var;
      running_mean.data()[c] =
          static_cast<float>((1.0 - momentum) * running_mean.data()[c] + momentum * m);
      running_var.data()[c] =
          static_cast<float>((1.0 - momentum) * running_var.data()[c] + momentum * unbiased);
      mean = mf;
      invstd = static_cast<float>(1.0 / std::sqrt(var + eps));
    } else {
      mean = running_mean.data()[c];
      invstd =
          static_cast<float>(1.0 / std::sqrt(static_cast<double>(running_var.data()[c]) + eps));
    }
    save_mean.data()[c] = mean;
    save_invstd.data()[c] = invstd;
    const float scale = invstd * (gamma ? gamma->data()[c] : 1.0f);
    const float shift = (beta ? beta->data()[c] : 0.0f) - mean * scale;
    for (int64_t n = 0; n < N; ++n)
      ArrayMap(y.data() + (n * C + c) * S, S) =
          ConstArrayMap(x.data() + (n * C + c) * S, S) * scale + shift;
  }
}

void batch_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                         const Tensor& save_invstd, const Tensor& dy, Mode mode, Tensor* dx,
                         Tensor* dgamma, Tensor* dbeta) {
  const int64_t N = x.dim(0), C = x.dim(1), S = x.numel() / (N * C);
  const auto M = static_cast<float>(N * S);
  for (int64_t c = 0; c < C; ++c) {
    const float mean = save_mean.data()[c], invstd = save_invstd.data()[c];
    double sdy = 0.0, sdyx = 0.0;  // sum dy, sum dy * (x - mean)
    for (int64_t n = 0; n < N; ++n) {
      ConstArrayMap g(dy.data() + (n * C + c) * S, S);
      sdy += g.sum();
      sdyx += (g * (ConstArrayMap(x.data() + (n * C + c) * S, S) - mean)).sum();
    }
    const double sdyxh = sdyx * invstd;
    if (dgamma) dgamma->data()[c] += static_cast<float>(sdyxh);
    if (dbeta) dbeta->data()[c] += static_cast<float>(sdy);
    if (!dx) continue;
    const float k = invstd * (gamma ? gamma->data()[c] : 1.0f);
    for (int64_t n = 0; n < N; ++n) {
      ConstArrayMap g(dy.data() + (n * C + c) * S, S);
      ArrayMap out(dx->data() + (n * C + c) * S, S);
      if (mode == Mode::Train) {
        // dx = k * (dy - mean(dy) - xhat * mean(dy * xhat))
        const auto a = static_cast<float>(sdy / M);
        const auto b = static_cast<float>(sdyxh / M) * invstd;
        out = k * (g - a - (ConstArrayMap(x.data() + (n * C + c) * S, S) - mean) * b);
      } else {
        out = k * g;
      }
    }
  }
}

// x, y: (N, D)  gamma, beta: (D)  save_*: (N)
void layer_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta, float eps,
                        Tensor& save_mean, Tensor& save_invstd, Tensor& y) {
  const int64_t N = x.dim(0), D = x.numel() / N;
  for (int64_t n = 0; n < N; ++n) {
    ConstArrayMap xr(x.data() + n * D, D);
    const double mean = static_cast<double>(xr.sum()) / static_cast<double>(D);
    const auto mf = static_cast<float>(mean);
    const double var = static_cast<double>((xr - mf).square().sum()) / static_cast<double>(D);
    const auto invstd = static_cast<float>(1.0 / std::sqrt(var + eps));
    save_mean.data()[n] = mf;
    save_invstd.data()[n] = invstd;
    ArrayMap yr(y.data() + n * D, D);
    yr = (xr - mf) * invstd;
    if (gamma) yr *= ConstArrayMap(gamma->data(), D);
    if (beta) yr += ConstArrayMap(beta->data(), D);
  }
}

void layer_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                         const Tensor& save_invstd, const Tensor& dy, Tensor* dx, Tensor* dgamma,
                         Tensor* dbeta) {
  const int64_t N = x.dim(0), D = x.numel() / N;
  const auto fd = static_cast<float>(D);
  for (int64_t n = 0; n < N; ++n) {
    const float mean = save_mean.data()[n], invstd = save_invstd.data()[n];
    ConstArrayMap g(dy.data() + n * D, D);
    const auto xh = (ConstArrayMap(x.data() + n * D, D) - mean) * invstd;
    if (dgamma) ArrayMap(dgamma->data(), D) += g * xh;
    if (dbeta) ArrayMap(dbeta->data(), D) += g;
    if (!dx) continue;
    ArrayMap out(dx->data() + n * D, D);
    if (gamma)
      out = g * ConstArrayMap(gamma->data(), D);  // out holds dy * gamma
    else
      out = g;
    const float sg = out.sum();
    const float sgxh = (out * xh).sum();
    out = invstd * (out - sg / fd - xh * (sgxh / fd));
  }
}

class CpuNormOps final : public NormOps {
 public:
  void batch_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                          Tensor& running_mean, Tensor& running_var, Mode mode, float momentum,
                          float eps, Tensor& save_mean, Tensor& save_invstd, Tensor& y) override {
    bp::batch_norm_forward(x, gamma, beta, running_mean, running_var, mode, momentum, eps,
                           save_mean, save_invstd, y);
  }
  void batch_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                           const Tensor& save_invstd, const Tensor& dy, Mode mode, Tensor* dx,
                           Tensor* dgamma, Tensor* dbeta) override {
    bp::batch_norm_backward(x, gamma, save_mean, save_invstd, dy, mode, dx, dgamma, dbeta);
  }
  void layer_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta, float eps,
                          Tensor& save_mean, Tensor& save_invstd, Tensor& y) override {
    bp::layer_norm_forward(x, gamma, beta, eps, save_mean, save_invstd, y);
  }
  void layer_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                           const Tensor& save_invstd, const Tensor& dy, Tensor* dx, Tensor* dgamma,
                           Tensor* dbeta) override {
    bp::layer_norm_backward(x, gamma, save_mean, save_invstd, dy, dx, dgamma, dbeta);
  }
};

}  // namespace

std::unique_ptr<NormOps> make_cpu_norm_ops() {
  return std::make_unique<CpuNormOps>();
}

}  // namespace bp
