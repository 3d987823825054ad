// CUDA dropout family (engine/backend/dropout_ops.h). The masks come from the same Philox4x32-10
// stream as the CPU (engine/core/counter_rng.h, called from device code): Bernoulli masks equal
// the CPU's bit for bit; Gaussian masks use the device's double log/cos, which may differ from
// glibc's in the last bit of the float result.
#include "engine/core/counter_rng.h"
#include "gpu/cuda_ops.h"
#include "gpu/kernels/common.cuh"

namespace bp::gpu {
namespace {

__device__ Philox4x32::Block draw_bits(uint64_t seed, uint64_t counter, uint64_t index) {
  return Philox4x32::generate(
      {static_cast<uint32_t>(index), static_cast<uint32_t>(index >> 32),
       static_cast<uint32_t>(counter), static_cast<uint32_t>(counter >> 32)},
      static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32));
}

__global__ void dropout_mask_kernel(int64_t n, uint64_t seed, uint64_t counter, float p,
                                    bool gaussian, int64_t block, float keep_scale, float sigma,
                                    float* mask) {
  BP_GRID_STRIDE(i, n) {
    const auto draw = static_cast<uint64_t>(i / block);
    const Philox4x32::Block b = draw_bits(seed, counter, draw);
    float m;
    if (gaussian) {
      const double u1 = (static_cast<double>(b[0] >> 8) + 1.0) * 0x1.0p-24;
      const double u2 = static_cast<double>(b[1] >> 8) * 0x1.0p-24;
      constexpr double kTwoPi = 6.283185307179586476925;
      const auto z = static_cast<float>(sqrt(-2.0 * log(u1)) * cos(kTwoPi * u2));
      m = 1.0f + sigma * z;
    } else {
      const float u = static_cast<float>(b[0] >> 8) * 0x1.0p-24f;
      m = u >= p ? keep_scale : 0.0f;
    }
    mask[i] = m;
  }
}

__global__ void multiply_kernel(int64_t n, const float* x, const float* m, float* y) {
  BP_GRID_STRIDE(i, n) y[i] = x[i] * m[i];
}

class CudaDropoutOps final : public DropoutOps {
 public:
  explicit CudaDropoutOps(CudaContext& ctx) : ctx_(ctx) {}

  void dropout_mask(uint64_t seed, uint64_t counter, float p, bool gaussian, int64_t channel_size,
                    Tensor& mask) override {
    const int64_t n = mask.numel();
    if (n == 0) return;
    const int64_t block = channel_size > 1 ? channel_size : 1;
    const float keep_scale = p >= 1.0f ? 0.0f : 1.0f / (1.0f - p);  // as the CPU, in float
    const float sigma = gaussian ? std::sqrt(p / (1.0f - p)) : 0.0f;
    dropout_mask_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(
        n, seed, counter, p, gaussian, block, keep_scale, sigma, mask.data());
    BP_CUDA_LAUNCH_CHECK();
  }

  void multiply(const Tensor& x, const Tensor& mask, Tensor& y) override {
    const int64_t n = x.numel();
    if (n == 0) return;
    multiply_kernel<<<blocks_for(n), kThreads, 0, ctx_.stream()>>>(n, x.data(), mask.data(),
                                                                   y.data());
    BP_CUDA_LAUNCH_CHECK();
  }

 private:
  CudaContext& ctx_;
};

}  // namespace

std::unique_ptr<DropoutOps> make_cuda_dropout_ops(CudaContext& ctx) {
  return std::make_unique<CudaDropoutOps>(ctx);
}

}  // namespace bp::gpu
