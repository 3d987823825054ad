#include "gpu/cuda_context.h"

#include "gpu/cuda_check.h"

namespace bp::gpu {

CudaContext::CudaContext(int device) : device_(device) {
  BP_CUDA_CHECK(cudaSetDevice(device_));
  BP_CUDA_CHECK(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking));
  BP_CUBLAS_CHECK(cublasCreate(&blas_));
  BP_CUBLAS_CHECK(cublasSetStream(blas_, stream_));
  // FP32 everywhere (no TF32): parity with the CPU engine to 1e-4 needs full-precision products.
  BP_CUBLAS_CHECK(cublasSetMathMode(blas_, CUBLAS_PEDANTIC_MATH));
  BP_CUDA_CHECK(cudaEventCreateWithFlags(&upload_done_, cudaEventDisableTiming));
  pool_ = std::make_shared<DevicePool>(device_);
  result_block_ = pool_->allocate(kResultSlots * sizeof(double));
  device_result_ = static_cast<double*>(result_block_.get());
  BP_CUDA_CHECK(cudaMallocHost(&host_result_, kResultSlots * sizeof(double)));
}

CudaContext::~CudaContext() {
  // Destructors must not throw: errors while tearing down are ignored.
  cudaStreamSynchronize(stream_);
  if (staging_) cudaFreeHost(staging_);
  if (host_result_) cudaFreeHost(host_result_);
  if (upload_done_) cudaEventDestroy(upload_done_);
  if (blas_) cublasDestroy(blas_);
  if (stream_) cudaStreamDestroy(stream_);
}

Tensor CudaContext::empty(const Shape& shape) {
  const int64_t n = shape.numel();
  std::shared_ptr<void> block = pool_->allocate(static_cast<size_t>(n) * sizeof(float));
  auto* data = static_cast<float*>(block.get());
  if (n > 0)
    BP_CUDA_CHECK(cudaMemsetAsync(data, 0, static_cast<size_t>(n) * sizeof(float), stream_));
  return Tensor(shape, data, Device::Cuda, std::move(block));
}

float* CudaContext::staging(int64_t count) {
  if (count > staging_count_) {
    BP_CUDA_CHECK(cudaStreamSynchronize(stream_));  // the old buffer may still be read
    if (staging_) BP_CUDA_CHECK(cudaFreeHost(staging_));
    staging_ = nullptr;
    BP_CUDA_CHECK(cudaMallocHost(&staging_, static_cast<size_t>(count) * sizeof(float)));
    staging_count_ = count;
  }
  return staging_;
}

void CudaContext::synchronize() {
  BP_CUDA_CHECK(cudaStreamSynchronize(stream_));
}

}  // namespace bp::gpu
