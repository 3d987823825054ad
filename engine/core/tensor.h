#pragma once
// Tensor: a float32 view (shape + pointer) into memory owned by a backend. Row-major, batch-first,
// PyTorch layouts. Copying a Tensor copies the view, not the data. The pointer is a host pointer
// for Device::Cpu and a device pointer for Device::Cuda: only the owning backend dereferences it.
#include <cstdint>
#include <memory>

#include "engine/core/shape.h"

namespace bp {

enum class Device { Cpu, Cuda };

class Tensor {
 public:
  Tensor() = default;
  Tensor(Shape shape, float* data, Device device, std::shared_ptr<void> owner)
      : shape_(shape), data_(data), device_(device), owner_(std::move(owner)) {}

  // Host tensor, zero-filled, 64-byte aligned. For tests, data loading and the CPU backend.
  static Tensor cpu(const Shape& shape);

  bool defined() const { return data_ != nullptr || shape_.numel() == 0; }
  const Shape& shape() const { return shape_; }
  int64_t numel() const { return shape_.numel(); }
  int64_t dim(int i) const { return shape_[i]; }
  Device device() const { return device_; }
  float* data() { return data_; }
  const float* data() const { return data_; }

  // Same memory, another shape with the same number of elements.
  Tensor view(const Shape& shape) const;
  // Rows [begin, begin + count) along dimension 0 (contiguous: batch-first layout).
  Tensor narrow_batch(int64_t begin, int64_t count) const;
  // Elements [offset, offset + shape.numel()) of this tensor's memory viewed as `shape`.
  Tensor slice_flat(int64_t offset, const Shape& shape) const;

 private:
  Shape shape_;
  float* data_ = nullptr;
  Device device_ = Device::Cpu;
  std::shared_ptr<void> owner_;
};

}  // namespace bp
