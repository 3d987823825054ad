#pragma once
// A caching device allocator: freed blocks go back to a per-size free list and are handed out
// again, so a training loop that frees and re-allocates the same sizes never calls cudaMalloc
// after its first step. Blocks are rounded up to 256 bytes. Thread-safe.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

namespace bp::gpu {

class DevicePool : public std::enable_shared_from_this<DevicePool> {
 public:
  explicit DevicePool(int device) : device_(device) {}
  ~DevicePool();
  DevicePool(const DevicePool&) = delete;
  DevicePool& operator=(const DevicePool&) = delete;

  // A block of at least `bytes` bytes; returned to the pool when the last owner lets go.
  std::shared_ptr<void> allocate(size_t bytes);

  size_t bytes_in_use() const;
  size_t bytes_cached() const;

 private:
  void release(void* p, size_t bytes);

  int device_;
  mutable std::mutex mutex_;
  std::multimap<size_t, void*> free_;  // size class -> cached blocks
  size_t in_use_ = 0, cached_ = 0;
};

}  // namespace bp::gpu
