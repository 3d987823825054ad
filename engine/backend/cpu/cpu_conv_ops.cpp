// CPU convolution operations: stride-1 Conv2d through direct kernels (cpu_conv_direct.cpp),
// other Conv2d and LocallyConnected2d through im2col + Eigen GEMM (the whole batch in one product),
// pooling kernels from cpu_conv_pool.cpp. Scratch (columns, transposed outputs)
// is owned here and only grows: no allocation per call once warm. Single-threaded kernels, so
// results never depend on the backend's thread count. GCC 12 reports false "may be used
// uninitialized" inside Eigen's AVX-512 packet code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <algorithm>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/cpu_conv_direct.h"
#include "engine/backend/cpu/cpu_conv_kernels.h"

namespace bp {
namespace {

using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatMap = Eigen::Map<RowMat, Eigen::Aligned64>;
using ConstMatMap = Eigen::Map<const RowMat>;
using StrideMap = Eigen::Map<RowMat, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;
using ConstStrideMap = Eigen::Map<const RowMat, 0, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

// A growing, 64-byte aligned float buffer.
class Scratch {
 public:
  float* get(int64_t n) {
    if (n > size_) {
      data_ = Tensor::cpu(Shape{n});
      size_ = n;
    }
    return data_.data();
  }

 private:
  Tensor data_;
  int64_t size_ = 0;
};

struct Dims {
  int N, C, H, W, K, Ho, Wo;
  int64_t R, P, NP;
};

Dims dims(const Tensor& x, const Conv2dGeometry& g, int K, int Ho, int Wo) {
  Dims d{};
  d.N = static_cast<int>(x.dim(0));
  d.C = static_cast<int>(x.dim(1));
  d.H = static_cast<int>(x.dim(2));
  d.W = static_cast<int>(x.dim(3));
  d.K = K;
  d.Ho = Ho;
  d.Wo = Wo;
  d.R = static_cast<int64_t>(d.C) * g.kernel_h * g.kernel_w;
  d.P = static_cast<int64_t>(Ho) * Wo;
  d.NP = d.N * d.P;
  return d;
}

class CpuConvOps final : public ConvOps {
 public:
  explicit CpuConvOps(WorkerPool* pool) { direct_.pool = pool; }

  // x: (N, Cin, H, W)  w: (Cout, Cin, kh, kw)  b: (Cout)  y: (N, Cout, Ho, Wo)
  void conv2d_forward(const Tensor& x, const Tensor& w, const Tensor* b, const Conv2dGeometry& g,
                      Tensor& y) override {
    const Dims d = dims(x, g, static_cast<int>(w.dim(0)), static_cast<int>(y.dim(2)),
                        static_cast<int>(y.dim(3)));
    if (cpu::direct_conv_applies(g, d.Wo)) {
      cpu::conv2d_direct_forward(x.data(), w.data(), b ? b->data() : nullptr, d.N, d.C, d.H, d.W,
                                 d.K, g, d.Ho, d.Wo, y.data(), direct_);
      return;
    }
    float* cols = cols_.get(d.R * d.NP);
    cpu::im2col(x.data(), d.N, d.C, d.H, d.W, g, d.Ho, d.Wo, cols);
    float* yt = tmp_.get(d.K * d.NP);  // (Cout, N*P)
    MatMap(yt, d.K, d.NP).noalias() = ConstMatMap(w.data(), d.K, d.R) * MatMap(cols, d.R, d.NP);
    // (Cout, N, P) -> (N, Cout, P), adding the bias
    for (int n = 0; n < d.N; ++n)
      for (int k = 0; k < d.K; ++k) {
        const float* src = yt + k * d.NP + n * d.P;
        float* dst = y.data() + (static_cast<int64_t>(n) * d.K + k) * d.P;
        const float bk = b ? b->data()[k] : 0.0f;
        for (int64_t p = 0; p < d.P; ++p) dst[p] = src[p] + bk;
      }
  }

  // dx overwrite (N, Cin, H, W); dw += (Cout, Cin, kh, kw); db += (Cout)
  void conv2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy, const Conv2dGeometry& g,
                       Tensor* dx, Tensor* dw, Tensor* db) override {
    const Dims d = dims(x, g, static_cast<int>(w.dim(0)), static_cast<int>(dy.dim(2)),
                        static_cast<int>(dy.dim(3)));
    if (cpu::direct_conv_applies(g, d.Wo)) {
      cpu::conv2d_direct_backward(x.data(), w.data(), dy.data(), d.N, d.C, d.H, d.W, d.K, g, d.Ho,
                                  d.Wo, dx ? dx->data() : nullptr, dw ? dw->data() : nullptr,
                                  db ? db->data() : nullptr, direct_);
      return;
    }
    float* dyt = tmp_.get(d.K * d.NP);  // (Cout, N*P)
    for (int n = 0; n < d.N; ++n)
      for (int k = 0; k < d.K; ++k)
        std::copy_n(dy.data() + (static_cast<int64_t>(n) * d.K + k) * d.P, d.P,
                    dyt + k * d.NP + n * d.P);
    MatMap dyt_m(dyt, d.K, d.NP);
    if (db) Eigen::Map<Eigen::VectorXf>(db->data(), d.K) += dyt_m.rowwise().sum();
    float* cols = cols_.get(d.R * d.NP);
    if (dw) {
      cpu::im2col(x.data(), d.N, d.C, d.H, d.W, g, d.Ho, d.Wo, cols);
      // dW (Cout, R) += dY (Cout, NP) * cols^T (NP, R)
      Eigen::Map<RowMat>(dw->data(), d.K, d.R).noalias() +=
          dyt_m * MatMap(cols, d.R, d.NP).transpose();
    }
    if (dx) {
      // dcols (R, NP) = W^T (R, Cout) * dY (Cout, NP)
      MatMap(cols, d.R, d.NP).noalias() = ConstMatMap(w.data(), d.K, d.R).transpose() * dyt_m;
      cpu::col2im(cols, d.N, d.C, d.H, d.W, g, d.Ho, d.Wo, dx->data());
    }
  }

  // x: (N, Cin, H, W)  w: (Ho*Wo, Cout, R)  b: (Cout, Ho, Wo)  y: (N, Cout, Ho, Wo)
  void locally_connected2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                                   const Conv2dGeometry& g, Tensor& y) override {
    const Dims d = dims(x, g, static_cast<int>(y.dim(1)), static_cast<int>(y.dim(2)),
                        static_cast<int>(y.dim(3)));
    float* cols = cols_.get(d.R * d.NP);
    cpu::im2col(x.data(), d.N, d.C, d.H, d.W, g, d.Ho, d.Wo, cols);
    for (int64_t p = 0; p < d.P; ++p) {
      // X_p (R, N): cols[r, n*P + p];  Y_p (Cout, N): y[n, k, p]
      ConstStrideMap xp(cols + p, d.R, d.N, {d.NP, d.P});
      StrideMap yp(y.data() + p, d.K, d.N, {d.P, d.K * d.P});
      yp.noalias() = ConstMatMap(w.data() + p * d.K * d.R, d.K, d.R) * xp;
      if (b)
        for (int k = 0; k < d.K; ++k) yp.row(k).array() += b->data()[k * d.P + p];
    }
  }

  void locally_connected2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                                    const Conv2dGeometry& g, Tensor* dx, Tensor* dw,
                                    Tensor* db) override {
    const Dims d = dims(x, g, static_cast<int>(dy.dim(1)), static_cast<int>(dy.dim(2)),
                        static_cast<int>(dy.dim(3)));
    float* cols = cols_.get(d.R * d.NP);
    if (dw) cpu::im2col(x.data(), d.N, d.C, d.H, d.W, g, d.Ho, d.Wo, cols);
    float* dcols = tmp_.get(dx ? d.R * d.NP : 1);
    for (int64_t p = 0; p < d.P; ++p) {
      ConstStrideMap dyp(dy.data() + p, d.K, d.N, {d.P, d.K * d.P});  // (Cout, N)
      if (db)
        for (int k = 0; k < d.K; ++k) db->data()[k * d.P + p] += dyp.row(k).sum();
      if (dw)
        Eigen::Map<RowMat>(dw->data() + p * d.K * d.R, d.K, d.R).noalias() +=
            dyp * ConstStrideMap(cols + p, d.R, d.N, {d.NP, d.P}).transpose();
      if (dx)
        StrideMap(dcols + p, d.R, d.N, {d.NP, d.P}).noalias() =
            ConstMatMap(w.data() + p * d.K * d.R, d.K, d.R).transpose() * dyp;
    }
    if (dx) cpu::col2im(dcols, d.N, d.C, d.H, d.W, g, d.Ho, d.Wo, dx->data());
  }

  void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) override {
    cpu::max_pool2d_forward(x, g, y);
  }
  void max_pool2d_backward(const Tensor& x, const Tensor&, const Tensor& dy,
                           const Pool2dGeometry& g, Tensor& dx) override {
    cpu::max_pool2d_backward(x, dy, g, dx);
  }
  void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) override {
    cpu::avg_pool2d_forward(x, g, y);
  }
  void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) override {
    cpu::avg_pool2d_backward(dy, g, dx);
  }
  void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y) override {
    cpu::adaptive_avg_pool2d_forward(x, y);
  }
  void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx) override {
    cpu::adaptive_avg_pool2d_backward(dy, dx);
  }

 private:
  Scratch cols_;            // im2col columns (R, N*P)
  Scratch tmp_;             // transposed output / output gradient (Cout, N*P), or dcols
  cpu::DirectConv direct_;  // stride-1 convolutions (cpu_conv_direct.cpp)
};

}  // namespace

std::unique_ptr<ConvOps> make_cpu_conv_ops(WorkerPool* pool) {
  return std::make_unique<CpuConvOps>(pool);
}

}  // namespace bp
