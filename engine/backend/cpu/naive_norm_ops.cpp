// Plain-loop reference of every NormOps operation (see norm_ops.h for the contracts).
#include "engine/backend/cpu/naive_norm_ops.h"

#include <cmath>

namespace bp {
namespace {

class NaiveNormOps final : public NormOps {
 public:
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

  // Backward of the forward line (per channel c, over its M = N*S values x_i):
  //   y_i = gamma * xhat_i + beta,   xhat_i = (x_i - mean) * invstd,
  //   mean = (1/M) sum_j x_j,        invstd = (var + eps)^(-1/2),   var = (1/M) sum_j (x_j -
  //   mean)^2
  // dbeta  = sum_i dy_i                          (y depends on beta with slope 1)
  // dgamma = sum_i dy_i * xhat_i                 (slope xhat_i)
  // dxhat_i = gamma * dy_i. In Train, mean and var depend on every x_j:
  //   d xhat_i / d x_j = invstd * (delta_ij - 1/M - xhat_i * xhat_j / M)
  // (the 1/M from d mean / d x_j; the xhat_i xhat_j / M from d invstd / d x_j = -invstd^2 xhat_j/M)
  // so dx_j = sum_i dxhat_i d xhat_i / d x_j
  //         = gamma * invstd * (dy_j - (1/M) sum_i dy_i - xhat_j (1/M) sum_i dy_i xhat_i).
  // In Eval mean and invstd are constants (running statistics): dx_j = gamma * invstd * dy_j.
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

  // Backward of the forward line (per row n, over its D features; gamma, beta per feature i):
  //   y_i = gamma_i * xhat_i + beta_i,   xhat_i = (x_i - mean) * invstd   (mean, var of the row)
  // dbeta_i += dy_i, dgamma_i += dy_i * xhat_i (summed over rows).
  // With g_i = dy_i * gamma_i (the gradient reaching xhat_i), the same algebra as BatchNorm's
  // Train case over the row instead of the channel:
  //   dx_j = invstd * (g_j - (1/D) sum_i g_i - xhat_j (1/D) sum_i g_i xhat_i).
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
};

}  // namespace

std::unique_ptr<NormOps> make_naive_norm_ops() {
  return std::make_unique<NaiveNormOps>();
}

}  // namespace bp
