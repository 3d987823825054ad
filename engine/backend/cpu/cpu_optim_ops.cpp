// CPU optimizer steps: one fused loop over the flat buffer per step, doing per element exactly
// the float arithmetic of torch's sequence of tensor operations (see naive_optim_ops.cpp, the
// one-pass-per-op reference the tests compare against). Hyperparameter scalars that torch
// computes in Python doubles are computed in double here and rounded to float once.
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/backend/cpu/cpu_backend.h"

namespace bp {
namespace {

void require_same(const Tensor& a, const Tensor& b, const char* op) {
  if (a.numel() != b.numel())
    throw std::invalid_argument(std::string(op) + ": " + a.shape().to_string() + " vs " +
                                b.shape().to_string());
}
float f(double x) {
  return static_cast<float>(x);
}

struct AdamScalars {
  float b1, b2, a1, a2, eps, wd, shrink, bc2_sqrt, value;
};

// Adam/AdamW over n elements; kDecoupled: AdamW's multiplicative decay, kWd: L2 added to the
// gradient, kAmsgrad: keep the running max of the second moment in mx.
template <bool kDecoupled, bool kWd, bool kAmsgrad>
void adam_loop(float* __restrict p, const float* __restrict g, float* __restrict m,
               float* __restrict v, float* __restrict mx, int64_t n, const AdamScalars& k) {
  const float b1 = k.b1, b2 = k.b2, a1 = k.a1, a2 = k.a2, eps = k.eps, wd = k.wd;
  const float shrink = k.shrink, bc2_sqrt = k.bc2_sqrt, value = k.value;
  for (int64_t i = 0; i < n; ++i) {
    float pi = p[i];
    if constexpr (kDecoupled) pi = pi * shrink;
    float gi = g[i];
    if constexpr (kWd) gi = gi + wd * pi;
    const float mi = m[i] * b1 + a1 * gi;
    const float vi = v[i] * b2 + a2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    float second = vi;
    if constexpr (kAmsgrad) {
      second = mx[i] > vi ? mx[i] : vi;  // fmax without the NaN special case: vi is never NaN
      mx[i] = second;                    // unless the gradient is, and then p is NaN anyway
    }
    const float denom = std::sqrt(second) / bc2_sqrt + eps;
    p[i] = pi + value * mi / denom;
  }
}

class CpuOptimOps final : public OptimOps {
 public:
  void sgd_step(Tensor& param, const Tensor& grad, Tensor* momentum_buf, const SgdHyper& h,
                bool first_step) override {
    require_same(param, grad, "sgd_step");
    float* __restrict p = param.data();
    const float* __restrict g = grad.data();
    const int64_t n = param.numel();
    const float wd = h.weight_decay, mom = h.momentum, neg_lr = -h.lr;
    const float damp = f(1.0 - static_cast<double>(h.dampening));
    if (mom == 0.0f) {
      for (int64_t i = 0; i < n; ++i) {
        const float d = wd != 0.0f ? g[i] + wd * p[i] : g[i];
        p[i] = p[i] + neg_lr * d;
      }
      return;
    }
    require_same(param, *momentum_buf, "sgd_step momentum_buf");
    float* __restrict buf = momentum_buf->data();
    for (int64_t i = 0; i < n; ++i) {
      float d = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      const float b = first_step ? d : buf[i] * mom + damp * d;
      buf[i] = b;
      d = h.nesterov ? d + mom * b : b;
      p[i] = p[i] + neg_lr * d;
    }
  }

  void adam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                 Tensor* max_exp_avg_sq, const AdamHyper& h, int64_t step) override {
    require_same(param, grad, "adam_step");
    require_same(param, exp_avg, "adam_step exp_avg");
    require_same(param, exp_avg_sq, "adam_step exp_avg_sq");
    if (h.amsgrad) require_same(param, *max_exp_avg_sq, "adam_step max_exp_avg_sq");
    float* __restrict p = param.data();
    const float* __restrict g = grad.data();
    float* __restrict m = exp_avg.data();
    float* __restrict v = exp_avg_sq.data();
    float* __restrict mx = h.amsgrad ? max_exp_avg_sq->data() : nullptr;
    const int64_t n = param.numel();
    const bool decoupled = h.decoupled_weight_decay;
    const float wd = decoupled ? 0.0f : h.weight_decay;
    const float shrink = f(1.0 - static_cast<double>(h.lr) * h.weight_decay);
    AdamScalars k;
    k.b1 = h.beta1;
    k.b2 = h.beta2;
    k.eps = h.eps;
    k.a1 = f(1.0 - static_cast<double>(k.b1));
    k.a2 = f(1.0 - static_cast<double>(k.b2));
    k.wd = wd;
    k.shrink = shrink;
    const double bc1 = 1.0 - std::pow(static_cast<double>(k.b1), static_cast<double>(step));
    const double bc2 = 1.0 - std::pow(static_cast<double>(k.b2), static_cast<double>(step));
    k.bc2_sqrt = f(std::sqrt(bc2));
    k.value = f(-(h.lr / bc1));
    // One branch-free loop per variant, so the compiler vectorizes it (sqrt and divide included).
    const bool has_wd = wd != 0.0f;
    if (mx)
      decoupled ? adam_loop<true, false, true>(p, g, m, v, mx, n, k)
                : (has_wd ? adam_loop<false, true, true>(p, g, m, v, mx, n, k)
                          : adam_loop<false, false, true>(p, g, m, v, mx, n, k));
    else
      decoupled ? adam_loop<true, false, false>(p, g, m, v, mx, n, k)
                : (has_wd ? adam_loop<false, true, false>(p, g, m, v, mx, n, k)
                          : adam_loop<false, false, false>(p, g, m, v, mx, n, k));
  }

  void adagrad_step(Tensor& param, const Tensor& grad, Tensor& state_sum, const AdagradHyper& h,
                    int64_t step) override {
    require_same(param, grad, "adagrad_step");
    require_same(param, state_sum, "adagrad_step state_sum");
    float* __restrict p = param.data();
    const float* __restrict g = grad.data();
    float* __restrict s = state_sum.data();
    const int64_t n = param.numel();
    const float wd = h.weight_decay, eps = h.eps;
    const float value = f(-(h.lr / (1.0 + static_cast<double>(step - 1) * h.lr_decay)));
    for (int64_t i = 0; i < n; ++i) {
      const float gi = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      const float si = s[i] + 1.0f * gi * gi;
      s[i] = si;
      const float std_ = std::sqrt(si) + eps;
      p[i] = p[i] + value * gi / std_;
    }
  }

  void adadelta_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor& acc_delta,
                     const AdadeltaHyper& h) override {
    require_same(param, grad, "adadelta_step");
    require_same(param, square_avg, "adadelta_step square_avg");
    require_same(param, acc_delta, "adadelta_step acc_delta");
    float* __restrict p = param.data();
    const float* __restrict g = grad.data();
    float* __restrict sq = square_avg.data();
    float* __restrict acc = acc_delta.data();
    const int64_t n = param.numel();
    const float wd = h.weight_decay, rho = h.rho, eps = h.eps, neg_lr = -h.lr;
    const float a = f(1.0 - static_cast<double>(rho));
    for (int64_t i = 0; i < n; ++i) {
      const float gi = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      const float si = sq[i] * rho + a * gi * gi;
      sq[i] = si;
      const float std_ = std::sqrt(si + eps);
      const float delta = std::sqrt(acc[i] + eps) / std_ * gi;
      acc[i] = acc[i] * rho + a * delta * delta;
      p[i] = p[i] + neg_lr * delta;
    }
  }

  void rmsprop_step(Tensor& param, const Tensor& grad, Tensor& square_avg, Tensor* grad_avg,
                    Tensor* momentum_buf, const RmspropHyper& h) override {
    require_same(param, grad, "rmsprop_step");
    require_same(param, square_avg, "rmsprop_step square_avg");
    if (h.centered) require_same(param, *grad_avg, "rmsprop_step grad_avg");
    if (h.momentum > 0.0f) require_same(param, *momentum_buf, "rmsprop_step momentum_buf");
    float* __restrict p = param.data();
    const float* __restrict g = grad.data();
    float* __restrict sq = square_avg.data();
    float* __restrict ga = h.centered ? grad_avg->data() : nullptr;
    float* __restrict buf = h.momentum > 0.0f ? momentum_buf->data() : nullptr;
    const int64_t n = param.numel();
    const float wd = h.weight_decay, alpha = h.alpha, eps = h.eps, mom = h.momentum;
    const float neg_lr = -h.lr;
    const float a = f(1.0 - static_cast<double>(alpha));
    for (int64_t i = 0; i < n; ++i) {
      const float gi = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      const float si = sq[i] * alpha + a * gi * gi;
      sq[i] = si;
      float avg;
      if (ga) {
        const float gai = ga[i] * alpha + a * gi;
        ga[i] = gai;
        avg = std::sqrt(si + -1.0f * gai * gai);
      } else {
        avg = std::sqrt(si);
      }
      avg = avg + eps;
      if (buf) {
        const float b = buf[i] * mom + 1.0f * gi / avg;
        buf[i] = b;
        p[i] = p[i] + neg_lr * b;
      } else {
        p[i] = p[i] + neg_lr * gi / avg;
      }
    }
  }

  void nadam_step(Tensor& param, const Tensor& grad, Tensor& exp_avg, Tensor& exp_avg_sq,
                  const NadamHyper& h, const NadamStepScalars& s) override {
    require_same(param, grad, "nadam_step");
    require_same(param, exp_avg, "nadam_step exp_avg");
    require_same(param, exp_avg_sq, "nadam_step exp_avg_sq");
    float* __restrict p = param.data();
    const float* __restrict g = grad.data();
    float* __restrict m = exp_avg.data();
    float* __restrict v = exp_avg_sq.data();
    const int64_t n = param.numel();
    const float wd = h.weight_decay, b1 = h.beta1, b2 = h.beta2, eps = h.eps;
    const float a1 = f(1.0 - static_cast<double>(b1)), a2 = f(1.0 - static_cast<double>(b2));
    const float bc2 = f(s.bias_correction2);
    const float c1 = f(s.grad_coef), c2 = f(s.exp_avg_coef);
    for (int64_t i = 0; i < n; ++i) {
      const float gi = wd != 0.0f ? g[i] + wd * p[i] : g[i];
      const float mi = m[i] * b1 + a1 * gi;
      const float vi = v[i] * b2 + a2 * gi * gi;
      m[i] = mi;
      v[i] = vi;
      const float denom = std::sqrt(vi / bc2) + eps;
      float pi = p[i] + c1 * gi / denom;
      pi = pi + c2 * mi / denom;
      p[i] = pi;
    }
  }

  double weight_penalty(const Tensor& w, Tensor& grad, float l1, float l2) override {
    require_same(w, grad, "weight_penalty");
    const float* __restrict x = w.data();
    float* __restrict d = grad.data();
    double abs_sum = 0.0, sq_sum = 0.0;
    for (int64_t i = 0, n = w.numel(); i < n; ++i) {
      const float xi = x[i];
      const float sign = static_cast<float>((xi > 0.0f) - (xi < 0.0f));
      d[i] += l1 * sign + l2 * xi;
      abs_sum += std::fabs(static_cast<double>(xi));
      sq_sum += static_cast<double>(xi) * xi;
    }
    return static_cast<double>(l1) * abs_sum + 0.5 * static_cast<double>(l2) * sq_sum;
  }

  void renorm_rows(Tensor& w, int64_t rows, float c) override {
    if (rows <= 0 || w.numel() % rows != 0)
      throw std::invalid_argument("renorm_rows: " + std::to_string(w.numel()) +
                                  " values do not split into " + std::to_string(rows) + " rows");
    const int64_t cols = w.numel() / rows;
    for (int64_t r = 0; r < rows; ++r) {
      float* row = w.data() + r * cols;
      double sq = 0.0;
      for (int64_t j = 0; j < cols; ++j) sq += static_cast<double>(row[j]) * row[j];
      const double norm = std::sqrt(sq);
      if (norm > c) {
        const float scale = f(c / (norm + 1e-7));
        for (int64_t j = 0; j < cols; ++j) row[j] *= scale;
      }
    }
  }

  double dot(const Tensor& a, const Tensor& b) override {
    if (a.numel() != b.numel()) throw std::invalid_argument("dot: sizes differ");
    double s = 0.0;
    for (int64_t i = 0, n = a.numel(); i < n; ++i)
      s += static_cast<double>(a.data()[i]) * static_cast<double>(b.data()[i]);
    return s;
  }

  double max_abs(const Tensor& t) override {
    double m = 0.0;
    for (int64_t i = 0, n = t.numel(); i < n; ++i)
      m = std::fmax(m, std::fabs(static_cast<double>(t.data()[i])));
    return m;
  }
};

}  // namespace

std::unique_ptr<OptimOps> make_cpu_optim_ops() {
  return std::make_unique<CpuOptimOps>();
}

}  // namespace bp
