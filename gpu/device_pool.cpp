#include "gpu/device_pool.h"

#include "gpu/cuda_check.h"

namespace bp::gpu {

DevicePool::~DevicePool() {
  // Destructors must not throw: a failing cudaFree at exit is ignored.
  cudaSetDevice(device_);
  for (auto& [bytes, p] : free_) cudaFree(p);
}

std::shared_ptr<void> DevicePool::allocate(size_t bytes) {
  const size_t rounded = ((bytes == 0 ? 1 : bytes) + 255) / 256 * 256;
  void* p = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = free_.find(rounded);
    if (it != free_.end()) {
      p = it->second;
      free_.erase(it);
      cached_ -= rounded;
    }
    in_use_ += rounded;
  }
  if (!p) {
    BP_CUDA_CHECK(cudaSetDevice(device_));
    const cudaError_t e = cudaMalloc(&p, rounded);
    if (e != cudaSuccess) {
      {
        std::lock_guard lock(mutex_);
        in_use_ -= rounded;
      }
      throw Error("the GPU is out of memory: could not allocate " + std::to_string(rounded >> 20) +
                  " MiB (" + cudaGetErrorString(e) + "); try a smaller batch size or network");
    }
  }
  std::weak_ptr<DevicePool> self = weak_from_this();
  return std::shared_ptr<void>(p, [self, rounded](void* q) {
    if (auto pool = self.lock())
      pool->release(q, rounded);
    else
      cudaFree(q);
  });
}

void DevicePool::release(void* p, size_t bytes) {
  std::lock_guard lock(mutex_);
  free_.emplace(bytes, p);
  in_use_ -= bytes;
  cached_ += bytes;
}

size_t DevicePool::bytes_in_use() const {
  std::lock_guard lock(mutex_);
  return in_use_;
}

size_t DevicePool::bytes_cached() const {
  std::lock_guard lock(mutex_);
  return cached_;
}

}  // namespace bp::gpu
