#pragma once
// Launch helpers and the deterministic reduction shared by the kernel files. Every reduction sums
// in a fixed order (grid-stride partial sums per block, a tree within the block, then one block
// over the partials), so the same inputs on the same device give bitwise-equal results: no
// floating-point atomics anywhere in the backend.
#include <cuda_runtime.h>

#include <cstdint>

#include "engine/core/tensor.h"
#include "gpu/cuda_check.h"
#include "gpu/cuda_context.h"

namespace bp::gpu {

constexpr int kThreads = 256;
constexpr int kMaxReduceBlocks = 256;

// Blocks for a grid-stride loop over n elements.
inline unsigned blocks_for(int64_t n, int threads = kThreads) {
  const int64_t b = (n + threads - 1) / threads;
  return static_cast<unsigned>(b < 1 ? 1 : (b > 65535 * 8 ? 65535 * 8 : b));
}

#define BP_GRID_STRIDE(i, n)                                                             \
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < (n); \
       i += static_cast<int64_t>(gridDim.x) * blockDim.x)

struct SumOp {
  __device__ static double identity() { return 0.0; }
  __device__ static double combine(double a, double b) { return a + b; }
};
struct MaxOp {
  __device__ static double identity() { return 0.0; }  // used for max |x| only (>= 0)
  __device__ static double combine(double a, double b) { return fmax(a, b); }
};

// Tree reduction of one value per thread within a block of kThreads threads; thread 0 gets it.
template <class Op>
__device__ double block_reduce(double v) {
  __shared__ double shared[kThreads];
  shared[threadIdx.x] = v;
  __syncthreads();
  for (int s = kThreads / 2; s > 0; s >>= 1) {
    if (static_cast<int>(threadIdx.x) < s)
      shared[threadIdx.x] = Op::combine(shared[threadIdx.x], shared[threadIdx.x + s]);
    __syncthreads();
  }
  const double r = shared[0];
  __syncthreads();  // the buffer may be reused by the caller's next reduction
  return r;
}

template <class F, class Op>
__global__ void reduce_partials_kernel(int64_t n, F f, double* partials) {
  double acc = Op::identity();
  BP_GRID_STRIDE(i, n) acc = Op::combine(acc, f(i));
  const double r = block_reduce<Op>(acc);
  if (threadIdx.x == 0) partials[blockIdx.x] = r;
}

template <class Op>
__global__ void reduce_final_kernel(int count, const double* partials, double* out) {
  double acc = Op::identity();
  for (int i = threadIdx.x; i < count; i += blockDim.x) acc = Op::combine(acc, partials[i]);
  const double r = block_reduce<Op>(acc);
  if (threadIdx.x == 0) *out = r;
}

// Reduces f(0..n-1) with Op into device_result()[slot] (stays on the device).
template <class Op, class F>
void reduce_on_device(CudaContext& ctx, int64_t n, F f, int slot = 0) {
  const unsigned blocks =
      n <= 0 ? 1 : (blocks_for(n) < kMaxReduceBlocks ? blocks_for(n) : kMaxReduceBlocks);
  double* partials = ctx.scratch<double>(CudaContext::Slot::Partials, kMaxReduceBlocks);
  reduce_partials_kernel<F, Op><<<blocks, kThreads, 0, ctx.stream()>>>(n, f, partials);
  BP_CUDA_LAUNCH_CHECK();
  reduce_final_kernel<Op><<<1, kThreads, 0, ctx.stream()>>>(static_cast<int>(blocks), partials,
                                                            ctx.device_result() + slot);
  BP_CUDA_LAUNCH_CHECK();
}

// Copies `count` result slots to the host and waits for them.
inline const double* results_to_host(CudaContext& ctx, int count) {
  BP_CUDA_CHECK(cudaMemcpyAsync(ctx.host_result(), ctx.device_result(),
                                static_cast<size_t>(count) * sizeof(double), cudaMemcpyDeviceToHost,
                                ctx.stream()));
  ctx.synchronize();
  return ctx.host_result();
}

template <class Op, class F>
double reduce_to_host(CudaContext& ctx, int64_t n, F f) {
  reduce_on_device<Op>(ctx, n, f, 0);
  return results_to_host(ctx, 1)[0];
}

// Shape helpers (batch-first tensors).
inline int64_t rows_of(const Tensor& t) {
  return t.shape().rank() >= 1 ? t.dim(0) : 1;
}
inline int64_t row_size_of(const Tensor& t) {
  const int64_t n = rows_of(t);
  return n ? t.numel() / n : 0;
}
inline int64_t channels_of(const Tensor& t) {
  return t.shape().rank() >= 2 ? t.dim(1) : 1;
}
inline int64_t inner_size_of(const Tensor& t) {
  int64_t inner = 1;
  for (int d = 2; d < t.shape().rank(); ++d) inner *= t.dim(d);
  return inner;
}

}  // namespace bp::gpu
