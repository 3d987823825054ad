#include "engine/core/shape.h"

#include <stdexcept>

namespace bp {

Shape::Shape(std::initializer_list<int64_t> dims) {
  if (dims.size() > kMaxRank) throw std::invalid_argument("Shape: more than 4 dimensions");
  for (int64_t d : dims) dims_[static_cast<size_t>(rank_++)] = d;
}

int64_t Shape::numel() const {
  int64_t n = 1;
  for (int i = 0; i < rank_; ++i) n *= dims_[static_cast<size_t>(i)];
  return n;
}

Shape Shape::with_batch(int64_t batch) const {
  if (rank_ >= kMaxRank) throw std::invalid_argument("Shape::with_batch: rank already 4");
  Shape s;
  s.rank_ = rank_ + 1;
  s.dims_[0] = batch;
  for (int i = 0; i < rank_; ++i)
    s.dims_[static_cast<size_t>(i) + 1] = dims_[static_cast<size_t>(i)];
  return s;
}

Shape Shape::without_batch() const {
  Shape s;
  if (rank_ == 0) return s;
  s.rank_ = rank_ - 1;
  for (int i = 1; i < rank_; ++i)
    s.dims_[static_cast<size_t>(i - 1)] = dims_[static_cast<size_t>(i)];
  return s;
}

bool Shape::operator==(const Shape& other) const {
  if (rank_ != other.rank_) return false;
  for (int i = 0; i < rank_; ++i)
    if (dims_[static_cast<size_t>(i)] != other.dims_[static_cast<size_t>(i)]) return false;
  return true;
}

std::string Shape::to_string() const {
  std::string s = "(";
  for (int i = 0; i < rank_; ++i) {
    if (i) s += ", ";
    s += std::to_string(dims_[static_cast<size_t>(i)]);
  }
  return s + ")";
}

}  // namespace bp
