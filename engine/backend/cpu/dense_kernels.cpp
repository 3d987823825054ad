#include "engine/backend/cpu/dense_kernels.h"

// GCC 12 reports false "may be used uninitialized" inside its AVX-512 intrinsics when Eigen's
// vectorised math is instantiated with -march=x86-64-v4 (a known GCC false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "engine/backend/cpu/dense_checks.h"
#include "engine/backend/cpu/dense_kernels_fixed.h"
#include "engine/core/error.h"

namespace bp::kernels {

namespace {
using MapArr = Eigen::Map<Eigen::ArrayXf>;
using CMapArr = Eigen::Map<const Eigen::ArrayXf>;
constexpr float kInvSqrt2 = 0.70710678118654752440f;
constexpr float kInvSqrt2Pi = 0.39894228040143267794f;
}  // namespace

// The tiny products vectorise along whichever of in/out is longer: "axpy form" updates a whole
// row of length out (with W transposed into scratch) or in; "dot form" reduces along in.
// Output widths 1..16 go to the register-blocked fixed-width kernels.
#define BP_FIXED_CASES(M) \
  M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15) M(16)

void linear_forward_small(const float* __restrict x, const float* __restrict w,
                          const float* __restrict b, float* __restrict y, int64_t n, int64_t in,
                          int64_t out, float* __restrict scratch) {
  switch (out) {
#define BP_CASE(K)                                        \
  case K:                                                 \
    fixed::linear_forward<K>(x, w, b, y, n, in, scratch); \
    return;
    BP_FIXED_CASES(BP_CASE)
#undef BP_CASE
    default:
      break;
  }
  if (out >= in) {
    float* __restrict wt = scratch;  // (in, out)
    for (int64_t o = 0; o < out; ++o)
      for (int64_t i = 0; i < in; ++i) wt[i * out + o] = w[o * in + i];
    for (int64_t r = 0; r < n; ++r) {
      float* __restrict yr = y + r * out;
      const float* __restrict xr = x + r * in;
      for (int64_t o = 0; o < out; ++o) yr[o] = b ? b[o] : 0.0f;
      for (int64_t i = 0; i < in; ++i) {
        const float xv = xr[i];
        const float* __restrict wti = wt + i * out;
        for (int64_t o = 0; o < out; ++o) yr[o] += xv * wti[o];
      }
    }
    return;
  }
  for (int64_t r = 0; r < n; ++r) {
    const float* __restrict xr = x + r * in;
    float* __restrict yr = y + r * out;
    for (int64_t o = 0; o < out; ++o) {
      const float* __restrict wo = w + o * in;
      float s = 0.0f;
      for (int64_t i = 0; i < in; ++i) s += xr[i] * wo[i];
      yr[o] = s + (b ? b[o] : 0.0f);
    }
  }
}

void linear_backward_small(const float* __restrict x, const float* __restrict w,
                           const float* __restrict dy, float* __restrict dx, float* __restrict dw,
                           float* __restrict db, int64_t n, int64_t in, int64_t out,
                           float* __restrict scratch) {
  switch (out) {
#define BP_CASE(K)                                                   \
  case K:                                                            \
    fixed::linear_backward<K>(x, w, dy, dx, dw, db, n, in, scratch); \
    return;
    BP_FIXED_CASES(BP_CASE)
#undef BP_CASE
    default:
      break;
  }
  if (dx) {
    if (in >= out) {  // dx row += dy[r, o] W[o, :]
      for (int64_t r = 0; r < n; ++r) {
        const float* __restrict dyr = dy + r * out;
        float* __restrict dxr = dx + r * in;
        for (int64_t i = 0; i < in; ++i) dxr[i] = 0.0f;
        for (int64_t o = 0; o < out; ++o) {
          const float d = dyr[o];
          const float* __restrict wo = w + o * in;
          for (int64_t i = 0; i < in; ++i) dxr[i] += d * wo[i];
        }
      }
    } else {                           // dx[r, i] = dot(dy[r, :], W^T[i, :])
      float* __restrict wt = scratch;  // (in, out)
      for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) wt[i * out + o] = w[o * in + i];
      for (int64_t r = 0; r < n; ++r) {
        const float* __restrict dyr = dy + r * out;
        for (int64_t i = 0; i < in; ++i) {
          const float* __restrict wti = wt + i * out;
          float s = 0.0f;
          for (int64_t o = 0; o < out; ++o) s += dyr[o] * wti[o];
          dx[r * in + i] = s;
        }
      }
    }
  }
  if (dw) {
    if (out > in) {  // accumulate dW^T rows of length out, then add the transpose
      float* __restrict dwt = scratch;  // (in, out)
      for (int64_t k = 0; k < in * out; ++k) dwt[k] = 0.0f;
      for (int64_t r = 0; r < n; ++r) {
        const float* __restrict dyr = dy + r * out;
        for (int64_t i = 0; i < in; ++i) {
          const float xv = x[r * in + i];
          float* __restrict row = dwt + i * out;
          for (int64_t o = 0; o < out; ++o) row[o] += xv * dyr[o];
        }
      }
      for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) dw[o * in + i] += dwt[i * out + o];
    } else {
      for (int64_t r = 0; r < n; ++r) {
        const float* __restrict xr = x + r * in;
        for (int64_t o = 0; o < out; ++o) {
          const float d = dy[r * out + o];
          float* __restrict dwo = dw + o * in;
          for (int64_t i = 0; i < in; ++i) dwo[i] += d * xr[i];
        }
      }
    }
  }
  if (db)
    for (int64_t r = 0; r < n; ++r) {
      const float* __restrict dyr = dy + r * out;
      for (int64_t o = 0; o < out; ++o) db[o] += dyr[o];
    }
}

void activation_forward(Activation f, const ActivationParams& p, const float* x, float* y,
                        int64_t count) {
  CMapArr X(x, count);
  MapArr Y(y, count);
  switch (f) {
    case Activation::Identity:
      if (x != y) std::memmove(y, x, static_cast<size_t>(count) * sizeof(float));
      return;
    case Activation::Step:
      for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? 1.0f : 0.0f;
      return;
    case Activation::Sigmoid:
      Y = X.logistic();
      return;
    case Activation::Tanh:
      Y = X.tanh();
      return;
    case Activation::ReLU:
      for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
      return;
    case Activation::LeakyReLU: {
      const float s = p.negative_slope;
      for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : s * x[i];
      return;
    }
    case Activation::ELU: {
      const float a = p.alpha;
      for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : a * std::expm1(x[i]);
      return;
    }
    case Activation::SELU: {
      const auto scale = static_cast<float>(dense_detail::kSeluScale);
      const auto sa = static_cast<float>(dense_detail::kSeluScale * dense_detail::kSeluAlpha);
      for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? scale * x[i] : sa * std::expm1(x[i]);
      return;
    }
    case Activation::GELU:
      for (int64_t i = 0; i < count; ++i) y[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * kInvSqrt2));
      return;
    case Activation::SiLU:
      Y = X * X.logistic();
      return;
    case Activation::Softplus: {
      const float beta = p.beta, th = p.threshold;
      for (int64_t i = 0; i < count; ++i) {
        const float bx = beta * x[i];
        y[i] = bx > th ? x[i] : std::log1p(std::exp(bx)) / beta;
      }
      return;
    }
    case Activation::ScaledTanh:
      Y = dense_detail::kScaledTanhA * (dense_detail::kScaledTanhB * X).tanh();
      return;
  }
}

void activation_backward(Activation f, const ActivationParams& p, const float* x, const float* y,
                         const float* dy, float* dx, int64_t count) {
  CMapArr X(x, count), Yc(y, count), DY(dy, count);
  MapArr DX(dx, count);
  switch (f) {
    case Activation::Identity:
      if (dy != dx) std::memmove(dx, dy, static_cast<size_t>(count) * sizeof(float));
      return;
    case Activation::Step:
      std::fill_n(dx, count, 0.0f);
      return;
    case Activation::Sigmoid:
      DX = DY * Yc * (1.0f - Yc);
      return;
    case Activation::Tanh:
      DX = DY * (1.0f - Yc * Yc);
      return;
    case Activation::ReLU:
      for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
      return;
    case Activation::LeakyReLU: {
      const float s = p.negative_slope;
      for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : s * dy[i];
      return;
    }
    case Activation::ELU: {
      const float a = p.alpha;
      for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : a * std::exp(x[i]) * dy[i];
      return;
    }
    case Activation::SELU: {
      const auto scale = static_cast<float>(dense_detail::kSeluScale);
      const auto sa = static_cast<float>(dense_detail::kSeluScale * dense_detail::kSeluAlpha);
      for (int64_t i = 0; i < count; ++i)
        dx[i] = x[i] > 0.0f ? scale * dy[i] : sa * std::exp(x[i]) * dy[i];
      return;
    }
    case Activation::GELU:
      for (int64_t i = 0; i < count; ++i) {
        const float cdf = 0.5f * (1.0f + std::erf(x[i] * kInvSqrt2));
        const float pdf = kInvSqrt2Pi * std::exp(-0.5f * x[i] * x[i]);
        dx[i] = dy[i] * (cdf + x[i] * pdf);
      }
      return;
    case Activation::SiLU:
      for (int64_t i = 0; i < count; ++i) {
        const float s = 1.0f / (1.0f + std::exp(-x[i]));
        dx[i] = dy[i] * s * (1.0f + x[i] * (1.0f - s));
      }
      return;
    case Activation::Softplus: {
      const float beta = p.beta, th = p.threshold;
      for (int64_t i = 0; i < count; ++i) {
        const float bx = beta * x[i];
        if (bx > th) {
          dx[i] = dy[i];
        } else {
          const float z = std::exp(bx);
          dx[i] = dy[i] * z / (z + 1.0f);
        }
      }
      return;
    }
    case Activation::ScaledTanh:  // A B (1 - tanh^2) = B (A - y^2 / A)
      DX = DY * (dense_detail::kScaledTanhB *
                 (dense_detail::kScaledTanhA - Yc * Yc / dense_detail::kScaledTanhA));
      return;
  }
}

double pointwise_loss(LossKind kind, const LossParams& p, const float* pred, const float* target,
                      float* dpred, int64_t count) {
  double total = 0.0;
  const float inv = 1.0f / static_cast<float>(count);
  switch (kind) {
    case LossKind::MSELoss:
      for (int64_t i = 0; i < count; ++i) {
        const float d = pred[i] - target[i];
        total += static_cast<double>(d) * d;
        if (dpred) dpred[i] = 2.0f * d * inv;
      }
      break;
    case LossKind::L1Loss:
      for (int64_t i = 0; i < count; ++i) {
        const float d = pred[i] - target[i];
        total += std::fabs(d);
        if (dpred) dpred[i] = (d > 0.0f ? inv : (d < 0.0f ? -inv : 0.0f));
      }
      break;
    case LossKind::HuberLoss: {
      const float delta = p.delta;
      for (int64_t i = 0; i < count; ++i) {
        const float d = pred[i] - target[i];
        const float a = std::fabs(d);
        if (a < delta) {
          total += 0.5 * static_cast<double>(d) * d;
          if (dpred) dpred[i] = d * inv;
        } else {
          total += static_cast<double>(delta) * (a - 0.5 * delta);
          if (dpred) dpred[i] = (d > 0.0f ? delta : -delta) * inv;
        }
      }
      break;
    }
    case LossKind::BCEWithLogitsLoss:
      for (int64_t i = 0; i < count; ++i) {
        const float x = pred[i], t = target[i];
        const float e = std::exp(-std::fabs(x));
        total += std::max(x, 0.0f) - x * t + std::log1p(e);
        if (dpred) {
          const float s = x >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);  // sigmoid(x)
          dpred[i] = (s - t) * inv;
        }
      }
      break;
    case LossKind::CrossEntropyLoss:
      break;  // handled by cross_entropy
  }
  return total / static_cast<double>(count);
}

double cross_entropy(const float* logits, const float* target, float* dlogits, int64_t n,
                     int64_t c) {
  double total = 0.0;
  const float inv = 1.0f / static_cast<float>(n);
  for (int64_t r = 0; r < n; ++r) {
    const float* xr = logits + r * c;
    const auto t = static_cast<int64_t>(target[r]);
    if (t < 0 || t >= c || static_cast<float>(t) != target[r])
      throw Error("CrossEntropyLoss: target " + std::to_string(target[r]) +
                  " is not a class index in [0, " + std::to_string(c - 1) +
                  "]: check the dataset's labels and the last layer's width");
    float mx = xr[0];
    for (int64_t j = 1; j < c; ++j) mx = std::max(mx, xr[j]);
    float sum = 0.0f;
    for (int64_t j = 0; j < c; ++j) sum += std::exp(xr[j] - mx);
    const float lse = mx + std::log(sum);
    total += static_cast<double>(lse) - xr[t];
    if (dlogits) {
      float* dr = dlogits + r * c;
      for (int64_t j = 0; j < c; ++j) dr[j] = std::exp(xr[j] - lse) * inv;
      dr[t] -= inv;
    }
  }
  return total / static_cast<double>(n);
}

}  // namespace bp::kernels
