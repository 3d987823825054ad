#pragma once
// Argument checks shared by the CPU dense kernels (fast and naive). Mismatches are programming
// errors of the caller (layers validate user networks first) and throw std::invalid_argument.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "engine/core/tensor.h"

namespace bp::dense_detail {

// Messages are built only on failure: these checks run on every call of the hot kernels.
[[noreturn]] inline void fail(const char* op, const std::string& what) {
  throw std::invalid_argument(std::string(op) + ": " + what);
}

inline void require(bool ok, const char* op, const char* what) {
  if (!ok) fail(op, what);
}

inline void require_same_numel(const Tensor& a, const Tensor& b, const char* op) {
  if (a.numel() != b.numel()) fail(op, a.shape().to_string() + " vs " + b.shape().to_string());
}

// Elements per sample after dimension 1 ((N, C, H, W) -> H*W; (N, C) -> 1).
inline int64_t inner_size(const Tensor& t) {
  int64_t inner = 1;
  for (int d = 2; d < t.shape().rank(); ++d) inner *= t.dim(d);
  return inner;
}

// Size of dimension 1 (1 for rank-1 tensors).
inline int64_t channels(const Tensor& t) {
  return t.shape().rank() >= 2 ? t.dim(1) : 1;
}

// Rows of a batch-first tensor and the elements per row.
inline int64_t rows(const Tensor& t) {
  return t.shape().rank() >= 1 ? t.dim(0) : 1;
}
inline int64_t row_size(const Tensor& t) {
  const int64_t n = rows(t);
  return n ? t.numel() / n : 0;
}

// SELU's constants, as torch.
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;
using bp::kScaledTanhA;  // engine/backend/types.h
using bp::kScaledTanhB;

}  // namespace bp::dense_detail

namespace bp::dense_detail {

// concat_backward skips null gradient entries, but their width is needed to find the next
// part's offset: it is the output width minus the others', so at most one entry may be null.
inline int64_t concat_null_width(const Tensor& dy, Tensor* const* dparts, int count,
                                 const char* op) {
  int64_t known = 0;
  int nulls = 0;
  for (int p = 0; p < count; ++p) {
    if (dparts[p])
      known += row_size(*dparts[p]);
    else
      ++nulls;
  }
  require(nulls <= 1, op, "at most one gradient entry may be null");
  return row_size(dy) - known;
}

}  // namespace bp::dense_detail
