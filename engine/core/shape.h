#pragma once
// Shape: up to four dimensions, stored inline (no allocation), PyTorch order (N, C, H, W).
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>

namespace bp {

class Shape {
 public:
  static constexpr int kMaxRank = 4;

  Shape() = default;
  Shape(std::initializer_list<int64_t> dims);

  int rank() const { return rank_; }
  int64_t operator[](int i) const { return dims_[static_cast<size_t>(i)]; }
  int64_t& operator[](int i) { return dims_[static_cast<size_t>(i)]; }
  int64_t numel() const;

  // A new shape with `batch` prepended: per-sample (C, H, W) -> (N, C, H, W).
  Shape with_batch(int64_t batch) const;
  // Drops the leading dimension: (N, C, H, W) -> (C, H, W).
  Shape without_batch() const;

  bool operator==(const Shape& other) const;
  bool operator!=(const Shape& other) const { return !(*this == other); }

  // "(2, 16, 16)"; "()" for rank 0.
  std::string to_string() const;

 private:
  std::array<int64_t, kMaxRank> dims_{};
  int rank_ = 0;
};

}  // namespace bp
