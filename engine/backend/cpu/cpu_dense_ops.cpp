// CPU dense operations: Eigen for big products and vectorised element-wise math, hand-written
// loops for the tiny matrices of toy networks (Eigen's dynamic-size products cost ~100 ns of
// set-up each). Nothing here allocates. Reference: naive_dense_ops.cpp, tested against this.

// GCC 12 reports false "may be used uninitialized" inside its own AVX-512 intrinsics when Eigen's
// GEMM is instantiated with -march=x86-64-v4 (a known GCC false positive); silence only that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/dense_checks.h"
#include "engine/backend/cpu/dense_kernels.h"
#include "engine/core/error.h"

namespace bp {

using namespace dense_detail;

namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using CMapMat = Eigen::Map<const RowMat>;
using MapMatU = Eigen::Map<RowMat>;
using MapVec = Eigen::Map<Eigen::RowVectorXf>;
using CMapVec = Eigen::Map<const Eigen::RowVectorXf>;

// Products with fewer multiply-adds than this run as plain loops.
constexpr int64_t kSmallProduct = 24 * 24 * 24;

class CpuDenseOps final : public DenseOps {
 public:
  // x: (N, in)  w: (out, in)  b: (out) or null  y: (N, out)
  void linear_forward(const Tensor& x, const Tensor& w, const Tensor* b, Tensor& y) override {
    const int64_t n = rows(x), in = w.dim(1), out = w.dim(0);
    if (x.numel() != n * in || y.numel() != n * out || (b && b->numel() != out))
      fail("linear_forward", "x " + x.shape().to_string() + ", w " + w.shape().to_string() +
                                 ", y " + y.shape().to_string());
    if (n * in * out <= kSmallProduct) {
      kernels::linear_forward_small(x.data(), w.data(), b ? b->data() : nullptr, y.data(), n, in,
                                    out, scratch(in * out));
      return;
    }
    CMapMat X(x.data(), n, in), W(w.data(), out, in);
    MapMatU Y(y.data(), n, out);
    Y.noalias() = X * W.transpose();
    if (b) Y.rowwise() += CMapVec(b->data(), out);
  }

  // x: (N, in)  w: (out, in)  dy: (N, out)  dx: (N, in)  dw: (out, in)  db: (out)
  void linear_backward(const Tensor& x, const Tensor& w, const Tensor& dy, Tensor* dx, Tensor* dw,
                       Tensor* db) override {
    const int64_t n = rows(x), in = w.dim(1), out = w.dim(0);
    if (x.numel() != n * in || dy.numel() != n * out || (dx && dx->numel() != n * in) ||
        (dw && dw->numel() != out * in) || (db && db->numel() != out))
      fail("linear_backward", "x " + x.shape().to_string() + ", w " + w.shape().to_string() +
                                  ", dy " + dy.shape().to_string());
    if (n * in * out <= kSmallProduct) {
      kernels::linear_backward_small(x.data(), w.data(), dy.data(), dx ? dx->data() : nullptr,
                                     dw ? dw->data() : nullptr, db ? db->data() : nullptr, n, in,
                                     out, scratch(in * out));
      return;
    }
    CMapMat X(x.data(), n, in), W(w.data(), out, in), DY(dy.data(), n, out);
    if (dx) MapMatU(dx->data(), n, in).noalias() = DY * W;
    if (dw) MapMatU(dw->data(), out, in).noalias() += DY.transpose() * X;
    if (db) MapVec(db->data(), out) += DY.colwise().sum();
  }

  // x, y: same shape (may alias)
  void activation_forward(Activation f, const ActivationParams& p, const Tensor& x,
                          Tensor& y) override {
    require_same_numel(x, y, "activation_forward");
    kernels::activation_forward(f, p, x.data(), y.data(), x.numel());
  }

  // x, y, dy, dx: same shape
  void activation_backward(Activation f, const ActivationParams& p, const Tensor& x,
                           const Tensor& y, const Tensor& dy, Tensor& dx) override {
    require_same_numel(x, dy, "activation_backward");
    require_same_numel(x, dx, "activation_backward");
    require_same_numel(x, y, "activation_backward");
    kernels::activation_backward(f, p, x.data(), y.data(), dy.data(), dx.data(), x.numel());
  }

  // x, y: (N, C, ...)  a: (1) or (C)
  void prelu_forward(const Tensor& x, const Tensor& a, Tensor& y) override {
    require_same_numel(x, y, "prelu_forward");
    const int64_t n = rows(x), c = channels(x), inner = inner_size(x);
    require(a.numel() == 1 || a.numel() == c, "prelu_forward", "a must be (1) or (C)");
    const float* xp = x.data();
    float* yp = y.data();
    for (int64_t r = 0; r < n; ++r)
      for (int64_t ch = 0; ch < c; ++ch) {
        const float slope = a.data()[a.numel() == 1 ? 0 : ch];
        const int64_t base = (r * c + ch) * inner;
        for (int64_t i = base; i < base + inner; ++i) yp[i] = xp[i] > 0.0f ? xp[i] : slope * xp[i];
      }
  }

  // x, dy, dx: (N, C, ...)  a, da: (1) or (C)
  void prelu_backward(const Tensor& x, const Tensor& a, const Tensor& dy, Tensor& dx,
                      Tensor* da) override {
    require_same_numel(x, dx, "prelu_backward");
    require_same_numel(x, dy, "prelu_backward");
    const int64_t n = rows(x), c = channels(x), inner = inner_size(x);
    require(a.numel() == 1 || a.numel() == c, "prelu_backward", "a must be (1) or (C)");
    const float *xp = x.data(), *dyp = dy.data();
    float* dxp = dx.data();
    for (int64_t r = 0; r < n; ++r)
      for (int64_t ch = 0; ch < c; ++ch) {
        const int64_t k = a.numel() == 1 ? 0 : ch;
        const float slope = a.data()[k];
        const int64_t base = (r * c + ch) * inner;
        float acc = 0.0f;
        for (int64_t i = base; i < base + inner; ++i) {
          const bool pos = xp[i] > 0.0f;
          dxp[i] = pos ? dyp[i] : slope * dyp[i];
          acc += pos ? 0.0f : xp[i] * dyp[i];
        }
        if (da) da->data()[k] += acc;
      }
  }

  // x: (N, M*k)  y: (N, M)
  void maxout_forward(const Tensor& x, int k, Tensor& y) override {
    const int64_t m = y.numel();
    require(k >= 1 && x.numel() == m * k, "maxout_forward", "input must be k times the output");
    const float* xp = x.data();
    float* yp = y.data();
    for (int64_t j = 0; j < m; ++j) {
      const float* g = xp + j * k;
      float best = g[0];
      for (int i = 1; i < k; ++i) best = g[i] > best ? g[i] : best;
      yp[j] = best;
    }
  }

  // x: (N, M*k)  dy: (N, M)  dx: (N, M*k)
  void maxout_backward(const Tensor& x, int k, const Tensor& dy, Tensor& dx) override {
    const int64_t m = dy.numel();
    require(k >= 1 && x.numel() == m * k && dx.numel() == x.numel(), "maxout_backward",
            "shape mismatch");
    const float* xp = x.data();
    float* dxp = dx.data();
    std::memset(dxp, 0, static_cast<size_t>(dx.numel()) * sizeof(float));
    for (int64_t j = 0; j < m; ++j) {
      const float* g = xp + j * k;
      int arg = 0;
      for (int i = 1; i < k; ++i)
        if (g[i] > g[arg]) arg = i;
      dxp[j * k + arg] = dy.data()[j];
    }
  }

  // x, y: (N, C)
  void softmax_forward(const Tensor& x, Tensor& y) override {
    require_same_numel(x, y, "softmax_forward");
    const int64_t n = rows(x), c = row_size(x);
    for (int64_t r = 0; r < n; ++r) {
      const float* xr = x.data() + r * c;
      float* yr = y.data() + r * c;
      float mx = xr[0];
      for (int64_t j = 1; j < c; ++j) mx = std::max(mx, xr[j]);
      float sum = 0.0f;
      for (int64_t j = 0; j < c; ++j) {
        yr[j] = std::exp(xr[j] - mx);
        sum += yr[j];
      }
      const float inv = 1.0f / sum;
      for (int64_t j = 0; j < c; ++j) yr[j] *= inv;
    }
  }

  // y, dy, dx: (N, C)
  void softmax_backward(const Tensor& y, const Tensor& dy, Tensor& dx) override {
    require_same_numel(y, dx, "softmax_backward");
    require_same_numel(y, dy, "softmax_backward");
    const int64_t n = rows(y), c = row_size(y);
    for (int64_t r = 0; r < n; ++r) {
      const float *yr = y.data() + r * c, *dyr = dy.data() + r * c;
      float* dxr = dx.data() + r * c;
      float dot = 0.0f;
      for (int64_t j = 0; j < c; ++j) dot += dyr[j] * yr[j];
      for (int64_t j = 0; j < c; ++j) dxr[j] = yr[j] * (dyr[j] - dot);
    }
  }

  // parts[i]: (N, C_i, ...)  y: (N, sum C_i, ...)
  void concat_forward(const Tensor* const* parts, int count, Tensor& y) override {
    const int64_t n = rows(y), ysize = row_size(y);
    int64_t offset = 0;
    for (int p = 0; p < count; ++p) {
      const int64_t size = row_size(*parts[p]);
      require(rows(*parts[p]) == n && offset + size <= ysize, "concat_forward", "shape mismatch");
      for (int64_t r = 0; r < n; ++r)
        std::memcpy(y.data() + r * ysize + offset, parts[p]->data() + r * size,
                    static_cast<size_t>(size) * sizeof(float));
      offset += size;
    }
    require(offset == ysize, "concat_forward", "parts do not add up to the output");
  }

  // dy: (N, sum C_i, ...)  dparts[i]: (N, C_i, ...) or null (at most one)
  void concat_backward(const Tensor& dy, Tensor* const* dparts, int count) override {
    const int64_t n = rows(dy), ysize = row_size(dy);
    const int64_t null_width = concat_null_width(dy, dparts, count, "concat_backward");
    int64_t offset = 0;
    for (int p = 0; p < count; ++p) {
      if (!dparts[p]) {
        offset += null_width;
        continue;
      }
      const int64_t size = row_size(*dparts[p]);
      for (int64_t r = 0; r < n; ++r)
        std::memcpy(dparts[p]->data() + r * size, dy.data() + r * ysize + offset,
                    static_cast<size_t>(size) * sizeof(float));
      offset += size;
    }
  }

  // pred: (N, C)  target: (N, C), or (N) for CrossEntropyLoss  dpred: (N, C)
  double loss_forward_backward(LossKind kind, const LossParams& p, const Tensor& pred,
                               const Tensor& target, Tensor* dpred) override {
    if (dpred) require_same_numel(pred, *dpred, "loss");
    if (pred.numel() == 0) return 0.0;
    if (kind == LossKind::CrossEntropyLoss) {
      if (target.numel() != rows(pred))
        fail("cross_entropy",
             "target must be (N) class indices, got " + target.shape().to_string());
      return kernels::cross_entropy(pred.data(), target.data(), dpred ? dpred->data() : nullptr,
                                    rows(pred), row_size(pred));
    }
    require_same_numel(pred, target, "loss");
    return kernels::pointwise_loss(kind, p, pred.data(), target.data(),
                                   dpred ? dpred->data() : nullptr, pred.numel());
  }

  // pred: (N, C)  target: (N)
  int64_t count_correct(const Tensor& pred, const Tensor& target, float threshold) override {
    const int64_t n = rows(pred), c = row_size(pred);
    require(target.numel() >= n, "count_correct", "target must be (N)");
    int64_t correct = 0;
    for (int64_t r = 0; r < n; ++r) {
      const float* xr = pred.data() + r * c;
      if (c == 1) {
        correct += (xr[0] > threshold) == (target.data()[r] > 0.5f);
        continue;
      }
      int64_t arg = 0;
      for (int64_t j = 1; j < c; ++j)
        if (xr[j] > xr[arg]) arg = j;
      correct += arg == static_cast<int64_t>(target.data()[r]);
    }
    return correct;
  }

 private:
  // Transposed-weight scratch for the small products; grows once, never per call.
  float* scratch(int64_t count) {
    if (static_cast<int64_t>(scratch_.size()) < count) scratch_.resize(static_cast<size_t>(count));
    return scratch_.data();
  }
  std::vector<float> scratch_;
};

}  // namespace

std::unique_ptr<DenseOps> make_cpu_dense_ops() {
  return std::make_unique<CpuDenseOps>();
}

}  // namespace bp
