#pragma once
// What every op family of one CUDA backend instance shares: the device, one stream, the cuBLAS
// handle bound to it, the caching allocator, grow-only scratch buffers and pinned host buffers.
// Nothing here allocates once the buffers have grown to a step's sizes.
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <cstdint>
#include <memory>

#include "engine/core/tensor.h"
#include "gpu/device_pool.h"

namespace bp::gpu {

// A device buffer that only grows (reallocated through the pool when a larger size is asked).
class DeviceScratch {
 public:
  void* get(DevicePool& pool, size_t bytes) {
    if (bytes > size_) {
      block_ = pool.allocate(bytes);
      size_ = bytes;
    }
    return block_.get();
  }
  template <class T>
  T* get(DevicePool& pool, int64_t count) {
    return static_cast<T*>(get(pool, static_cast<size_t>(count) * sizeof(T)));
  }

 private:
  std::shared_ptr<void> block_;
  size_t size_ = 0;
};

class CudaContext {
 public:
  explicit CudaContext(int device);
  ~CudaContext();
  CudaContext(const CudaContext&) = delete;
  CudaContext& operator=(const CudaContext&) = delete;

  int device() const { return device_; }
  cudaStream_t stream() const { return stream_; }
  cublasHandle_t blas() const { return blas_; }
  DevicePool& pool() { return *pool_; }

  // A zero-filled device tensor owned by the pool.
  Tensor empty(const Shape& shape);

  // Grow-only scratch slots, one per purpose, so two scratch buffers used by one op never alias.
  enum class Slot { Columns, Transposed, Rows, Indices, Partials, Count_ };
  template <class T>
  T* scratch(Slot slot, int64_t count) {
    return scratch_[static_cast<int>(slot)].get<T>(*pool_, count);
  }

  // Pinned host staging for uploads and downloads (grow-only). `upload_done` orders reuse:
  // the next upload waits for the previous copy out of the staging buffer.
  float* staging(int64_t count);
  cudaEvent_t upload_done() const { return upload_done_; }

  // Result slots of reductions: device doubles and their pinned host mirror.
  double* device_result() const { return device_result_; }
  double* host_result() const { return host_result_; }
  static constexpr int kResultSlots = 8;

  // Blocks the host until queued work is done; surfaces asynchronous kernel errors.
  void synchronize();

 private:
  int device_;
  cudaStream_t stream_ = nullptr;
  cublasHandle_t blas_ = nullptr;
  std::shared_ptr<DevicePool> pool_;
  DeviceScratch scratch_[static_cast<int>(Slot::Count_)];
  float* staging_ = nullptr;
  int64_t staging_count_ = 0;
  cudaEvent_t upload_done_ = nullptr;
  double* device_result_ = nullptr;
  double* host_result_ = nullptr;
  std::shared_ptr<void> result_block_;
};

}  // namespace bp::gpu
