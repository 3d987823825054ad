#include "engine/core/tensor.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

namespace bp {

Tensor Tensor::cpu(const Shape& shape) {
  const auto n = static_cast<size_t>(shape.numel());
  const size_t bytes = ((n * sizeof(float) + 63) / 64) * 64;
  void* p = bytes ? std::aligned_alloc(64, bytes) : nullptr;
  if (bytes && !p) throw std::bad_alloc();
  if (p) std::memset(p, 0, bytes);
  std::shared_ptr<void> owner(p, [](void* q) { std::free(q); });
  return Tensor(shape, static_cast<float*>(p), Device::Cpu, std::move(owner));
}

Tensor Tensor::view(const Shape& shape) const {
  if (shape.numel() != numel())
    throw std::invalid_argument("Tensor::view: " + shape_.to_string() + " -> " + shape.to_string());
  Tensor t = *this;
  t.shape_ = shape;
  return t;
}

Tensor Tensor::narrow_batch(int64_t begin, int64_t count) const {
  if (shape_.rank() == 0 || begin < 0 || begin + count > shape_[0])
    throw std::out_of_range("Tensor::narrow_batch out of range");
  Tensor t = *this;
  const int64_t row = shape_[0] ? numel() / shape_[0] : 0;
  t.data_ = data_ + begin * row;
  t.shape_[0] = count;
  return t;
}

Tensor Tensor::slice_flat(int64_t offset, const Shape& shape) const {
  if (offset < 0 || offset + shape.numel() > numel())
    throw std::out_of_range("Tensor::slice_flat out of range");
  Tensor t = *this;
  t.data_ = data_ + offset;
  t.shape_ = shape;
  return t;
}

}  // namespace bp
