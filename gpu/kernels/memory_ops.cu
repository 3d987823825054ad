// CUDA memory and element-wise utility operations (engine/backend/memory_ops.h).
// Uploads go through a pinned staging buffer; reductions return doubles summed in a fixed order.
#include <cstring>

#include "gpu/cuda_ops.h"
#include "gpu/kernels/common.cuh"

namespace bp::gpu {
namespace {

__global__ void fill_kernel(int64_t n, float v, float* t) {
  BP_GRID_STRIDE(i, n) t[i] = v;
}
__global__ void axpy_kernel(int64_t n, float alpha, const float* x, float* y) {
  BP_GRID_STRIDE(i, n) y[i] += alpha * x[i];
}
__global__ void scale_kernel(int64_t n, float alpha, float* t) {
  BP_GRID_STRIDE(i, n) t[i] *= alpha;
}
__global__ void clamp_kernel(int64_t n, float lo, float hi, float* t) {
  BP_GRID_STRIDE(i, n) t[i] = fminf(fmaxf(t[i], lo), hi);
}

struct SquareOf {
  const float* t;
  __device__ double operator()(int64_t i) const {
    const double v = t[i];
    return v * v;
  }
};
struct AbsOf {
  const float* t;
  __device__ double operator()(int64_t i) const { return fabs(static_cast<double>(t[i])); }
};
struct NonFinite {
  const float* t;
  __device__ double operator()(int64_t i) const { return isfinite(t[i]) ? 0.0 : 1.0; }
};

class CudaMemoryOps final : public MemoryOps {
 public:
  explicit CudaMemoryOps(CudaContext& ctx) : ctx_(ctx) {}

  Tensor empty(const Shape& shape) override { return ctx_.empty(shape); }

  void upload(const float* host, Tensor& dst) override {
    const int64_t n = dst.numel();
    if (n == 0) return;
    float* staging = ctx_.staging(n);
    // The previous upload's copy out of the staging buffer must be finished before we refill it.
    BP_CUDA_CHECK(cudaEventSynchronize(ctx_.upload_done()));
    std::memcpy(staging, host, static_cast<size_t>(n) * sizeof(float));
    BP_CUDA_CHECK(cudaMemcpyAsync(dst.data(), staging, static_cast<size_t>(n) * sizeof(float),
                                  cudaMemcpyHostToDevice, ctx_.stream()));
    BP_CUDA_CHECK(cudaEventRecord(ctx_.upload_done(), ctx_.stream()));
  }

  void download(const Tensor& src, float* host) override {
    const int64_t n = src.numel();
    if (n == 0) return;
    float* staging = ctx_.staging(n);
    BP_CUDA_CHECK(cudaEventSynchronize(ctx_.upload_done()));
    BP_CUDA_CHECK(cudaMemcpyAsync(staging, src.data(), static_cast<size_t>(n) * sizeof(float),
                                  cudaMemcpyDeviceToHost, ctx_.stream()));
    ctx_.synchronize();
    std::memcpy(host, staging, static_cast<size_t>(n) * sizeof(float));
  }

  void fill(Tensor& t, float value) override {
    const int64_t n = t.numel();
    if (n == 0) return;
    fill_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, value, t.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void copy(const Tensor& src, Tensor& dst) override {
    const int64_t n = src.numel();
    if (n == 0 || src.data() == dst.data()) return;
    BP_CUDA_CHECK(cudaMemcpyAsync(dst.data(), src.data(), static_cast<size_t>(n) * sizeof(float),
                                  cudaMemcpyDeviceToDevice, ctx_.stream()));
  }

  void axpy(float alpha, const Tensor& x, Tensor& y) override {
    const int64_t n = x.numel();
    if (n == 0) return;
    axpy_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, alpha, x.data(), y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void scale(Tensor& t, float alpha) override {
    const int64_t n = t.numel();
    if (n == 0) return;
    scale_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, alpha, t.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  double sum_squares(const Tensor& t) override {
    return reduce_to_host<SumOp>(ctx_, t.numel(), SquareOf{t.data()});
  }
  double sum_abs(const Tensor& t) override {
    return reduce_to_host<SumOp>(ctx_, t.numel(), AbsOf{t.data()});
  }

  void clamp(Tensor& t, float lo, float hi) override {
    const int64_t n = t.numel();
    if (n == 0) return;
    clamp_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, lo, hi, t.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  bool all_finite(const Tensor& t) override {
    return reduce_to_host<SumOp>(ctx_, t.numel(), NonFinite{t.data()}) == 0.0;
  }

  void synchronize() override { ctx_.synchronize(); }

 private:
  CudaContext& ctx_;
};

}  // namespace

std::unique_ptr<MemoryOps> make_cuda_memory_ops(CudaContext& ctx) {
  return std::make_unique<CudaMemoryOps>(ctx);
}

}  // namespace bp::gpu
