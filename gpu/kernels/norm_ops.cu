// CUDA normalization (engine/backend/norm_ops.h). BatchNorm: one block per channel, statistics in
// double with the CPU's two-pass order (mean, then the squared deviations), running statistics
// updated with torch's momentum and the unbiased variance. LayerNorm: one block per row for the
// statistics and dx; dgamma/dbeta with one thread per feature summing rows in order.
#include "gpu/cuda_ops.h"
#include "gpu/kernels/common.cuh"

namespace bp::gpu {
namespace {

// x, y: (N, C, S)
__global__ void batch_norm_forward_kernel(int64_t N, int64_t C, int64_t S, const float* x,
                                          const float* gamma, const float* beta,
                                          float* running_mean, float* running_var, bool train,
                                          float momentum, float eps, float* save_mean,
                                          float* save_invstd, float* y) {
  const int64_t c = blockIdx.x;
  const int64_t M = N * S;
  float mean, invstd;
  if (train) {
    double acc = 0.0;
    for (int64_t k = threadIdx.x; k < M; k += blockDim.x) acc += x[((k / S) * C + c) * S + k % S];
    const double m = block_reduce<SumOp>(acc) / static_cast<double>(M);
    const auto mf = static_cast<float>(m);
    double sq = 0.0;
    for (int64_t k = threadIdx.x; k < M; k += blockDim.x) {
      const double e = x[((k / S) * C + c) * S + k % S] - mf;
      sq += e * e;
    }
    const double ss = block_reduce<SumOp>(sq);
    const double var = ss / static_cast<double>(M);
    const double unbiased = M > 1 ? ss / static_cast<double>(M - 1) : var;
    if (threadIdx.x == 0) {
      running_mean[c] = static_cast<float>((1.0 - momentum) * running_mean[c] + momentum * m);
      running_var[c] = static_cast<float>((1.0 - momentum) * running_var[c] + momentum * unbiased);
    }
    mean = mf;
    invstd = static_cast<float>(1.0 / sqrt(var + eps));
  } else {
    mean = running_mean[c];
    invstd = static_cast<float>(1.0 / sqrt(static_cast<double>(running_var[c]) + eps));
  }
  if (threadIdx.x == 0) {
    save_mean[c] = mean;
    save_invstd[c] = invstd;
  }
  const float scale = invstd * (gamma ? gamma[c] : 1.0f);
  const float shift = (beta ? beta[c] : 0.0f) - mean * scale;
  for (int64_t k = threadIdx.x; k < M; k += blockDim.x) {
    const int64_t i = ((k / S) * C + c) * S + k % S;
    y[i] = x[i] * scale + shift;
  }
}

__global__ void batch_norm_backward_kernel(int64_t N, int64_t C, int64_t S, const float* x,
                                           const float* gamma, const float* save_mean,
                                           const float* save_invstd, const float* dy, bool train,
                                           float* dx, float* dgamma, float* dbeta) {
  const int64_t c = blockIdx.x;
  const int64_t M = N * S;
  const float mean = save_mean[c], invstd = save_invstd[c];
  double a = 0.0, b = 0.0;  // sum dy, sum dy * (x - mean)
  for (int64_t k = threadIdx.x; k < M; k += blockDim.x) {
    const int64_t i = ((k / S) * C + c) * S + k % S;
    a += dy[i];
    b += static_cast<double>(dy[i]) * (x[i] - mean);
  }
  const double sdy = block_reduce<SumOp>(a);
  const double sdyxh = block_reduce<SumOp>(b) * invstd;
  if (threadIdx.x == 0) {
    if (dgamma) dgamma[c] += static_cast<float>(sdyxh);
    if (dbeta) dbeta[c] += static_cast<float>(sdy);
  }
  if (!dx) return;
  const float k_scale = invstd * (gamma ? gamma[c] : 1.0f);
  const auto mdy = static_cast<float>(sdy / static_cast<double>(M));
  const float mxh = static_cast<float>(sdyxh / static_cast<double>(M)) * invstd;
  for (int64_t k = threadIdx.x; k < M; k += blockDim.x) {
    const int64_t i = ((k / S) * C + c) * S + k % S;
    dx[i] = train ? k_scale * (dy[i] - mdy - (x[i] - mean) * mxh) : k_scale * dy[i];
  }
}

// x, y: (N, D)  gamma, beta: (D)  save_*: (N)
__global__ void layer_norm_forward_kernel(int64_t D, const float* x, const float* gamma,
                                          const float* beta, float eps, float* save_mean,
                                          float* save_invstd, float* y) {
  const int64_t n = blockIdx.x;
  const float* xr = x + n * D;
  double acc = 0.0;
  for (int64_t i = threadIdx.x; i < D; i += blockDim.x) acc += xr[i];
  const auto mf = static_cast<float>(block_reduce<SumOp>(acc) / static_cast<double>(D));
  double sq = 0.0;
  for (int64_t i = threadIdx.x; i < D; i += blockDim.x) {
    const double e = xr[i] - mf;
    sq += e * e;
  }
  const double var = block_reduce<SumOp>(sq) / static_cast<double>(D);
  const auto invstd = static_cast<float>(1.0 / sqrt(var + eps));
  if (threadIdx.x == 0) {
    save_mean[n] = mf;
    save_invstd[n] = invstd;
  }
  for (int64_t i = threadIdx.x; i < D; i += blockDim.x) {
    float v = (xr[i] - mf) * invstd;
    if (gamma) v *= gamma[i];
    if (beta) v += beta[i];
    y[n * D + i] = v;
  }
}

__global__ void layer_norm_dx_kernel(int64_t D, const float* x, const float* gamma,
                                     const float* save_mean, const float* save_invstd,
                                     const float* dy, float* dx) {
  const int64_t n = blockIdx.x;
  const float mean = save_mean[n], invstd = save_invstd[n];
  double a = 0.0, b = 0.0;  // sum g, sum g * xhat with g = dy * gamma
  for (int64_t i = threadIdx.x; i < D; i += blockDim.x) {
    const float g = dy[n * D + i] * (gamma ? gamma[i] : 1.0f);
    a += g;
    b += static_cast<double>(g) * ((x[n * D + i] - mean) * invstd);
  }
  const auto sg = static_cast<float>(block_reduce<SumOp>(a) / static_cast<double>(D));
  const auto sgxh = static_cast<float>(block_reduce<SumOp>(b) / static_cast<double>(D));
  for (int64_t i = threadIdx.x; i < D; i += blockDim.x) {
    const float g = dy[n * D + i] * (gamma ? gamma[i] : 1.0f);
    const float xh = (x[n * D + i] - mean) * invstd;
    dx[n * D + i] = invstd * (g - sg - xh * sgxh);
  }
}

// dgamma[i] += sum_n dy * xhat, dbeta[i] += sum_n dy: one thread per feature.
__global__ void layer_norm_params_kernel(int64_t N, int64_t D, const float* x,
                                         const float* save_mean, const float* save_invstd,
                                         const float* dy, float* dgamma, float* dbeta) {
  BP_GRID_STRIDE(i, D) {
    double g = 0.0, b = 0.0;
    for (int64_t n = 0; n < N; ++n) {
      const float xh = (x[n * D + i] - save_mean[n]) * save_invstd[n];
      g += static_cast<double>(dy[n * D + i]) * xh;
      b += dy[n * D + i];
    }
    if (dgamma) dgamma[i] += static_cast<float>(g);
    if (dbeta) dbeta[i] += static_cast<float>(b);
  }
}

const float* ptr(const Tensor* t) {
  return t ? t->data() : nullptr;
}
float* ptr(Tensor* t) {
  return t ? t->data() : nullptr;
}

class CudaNormOps final : public NormOps {
 public:
  explicit CudaNormOps(CudaContext& ctx) : ctx_(ctx) {}

  void batch_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta,
                          Tensor& running_mean, Tensor& running_var, Mode mode, float momentum,
                          float eps, Tensor& save_mean, Tensor& save_invstd, Tensor& y) override {
    const int64_t N = x.dim(0), C = x.dim(1);
    if (N == 0 || C == 0) return;
    const int64_t S = x.numel() / (N * C);
    batch_norm_forward_kernel<<<static_cast<unsigned>(C), kThreads, 0, ctx_.stream()>>>(
        N, C, S, x.data(), ptr(gamma), ptr(beta), running_mean.data(), running_var.data(),
        mode == Mode::Train, momentum, eps, save_mean.data(), save_invstd.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void batch_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                           const Tensor& save_invstd, const Tensor& dy, Mode mode, Tensor* dx,
                           Tensor* dgamma, Tensor* dbeta) override {
    const int64_t N = x.dim(0), C = x.dim(1);
    if (N == 0 || C == 0) return;
    const int64_t S = x.numel() / (N * C);
    batch_norm_backward_kernel<<<static_cast<unsigned>(C), kThreads, 0, ctx_.stream()>>>(
        N, C, S, x.data(), ptr(gamma), save_mean.data(), save_invstd.data(), dy.data(),
        mode == Mode::Train, ptr(dx), ptr(dgamma), ptr(dbeta));
    BP_CUDA_LAUNCH_CHECK();
  }

  void layer_norm_forward(const Tensor& x, const Tensor* gamma, const Tensor* beta, float eps,
                          Tensor& save_mean, Tensor& save_invstd, Tensor& y) override {
    const int64_t N = x.dim(0);
    if (N == 0) return;
    layer_norm_forward_kernel<<<static_cast<unsigned>(N), kThreads, 0, ctx_.stream()>>>(
        x.numel() / N, x.data(), ptr(gamma), ptr(beta), eps, save_mean.data(), save_invstd.data(),
        y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void layer_norm_backward(const Tensor& x, const Tensor* gamma, const Tensor& save_mean,
                           const Tensor& save_invstd, const Tensor& dy, Tensor* dx, Tensor* dgamma,
                           Tensor* dbeta) override {
    const int64_t N = x.dim(0);
    if (N == 0) return;
    const int64_t D = x.numel() / N;
    // Parameter gradients first: dx may alias dy.
    if (dgamma || dbeta) {
      layer_norm_params_kernel<<<blocks_for(D), kThreads, 0, ctx_.stream()>>>(
          N, D, x.data(), save_mean.data(), save_invstd.data(), dy.data(), ptr(dgamma), ptr(dbeta));
      BP_CUDA_LAUNCH_CHECK();
    }
    if (dx) {
      layer_norm_dx_kernel<<<static_cast<unsigned>(N), kThreads, 0, ctx_.stream()>>>(
          D, x.data(), ptr(gamma), save_mean.data(), save_invstd.data(), dy.data(), dx->data());
      BP_CUDA_LAUNCH_CHECK();
    }
  }

 private:
  CudaContext& ctx_;
};

}  // namespace

std::unique_ptr<NormOps> make_cuda_norm_ops(CudaContext& ctx) {
  return std::make_unique<CudaNormOps>(ctx);
}

}  // namespace bp::gpu
