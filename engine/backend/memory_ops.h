#pragma once
// Memory and element-wise utility operations every backend provides.
#include <cstdint>

#include "engine/core/tensor.h"

namespace bp {

class MemoryOps {
 public:
  virtual ~MemoryOps() = default;

  // A new tensor on this backend's device, zero-filled.
  virtual Tensor empty(const Shape& shape) = 0;
  // Host -> device; `host` holds dst.numel() floats.
  virtual void upload(const float* host, Tensor& dst) = 0;
  // Device -> host; `host` has room for src.numel() floats.
  virtual void download(const Tensor& src, float* host) = 0;
  virtual void fill(Tensor& t, float value) = 0;
  // dst = src (same numel).
  virtual void copy(const Tensor& src, Tensor& dst) = 0;
  // y += alpha * x (same numel). Used to sum gradients where a node's output fans out.
  virtual void axpy(float alpha, const Tensor& x, Tensor& y) = 0;
  // t *= alpha
  virtual void scale(Tensor& t, float alpha) = 0;
  // sum of t[i]^2 (accumulated in double, returned as double)
  virtual double sum_squares(const Tensor& t) = 0;
  // sum of |t[i]|
  virtual double sum_abs(const Tensor& t) = 0;
  // t[i] = clamp(t[i], lo, hi)
  virtual void clamp(Tensor& t, float lo, float hi) = 0;
  // true when every element is finite
  virtual bool all_finite(const Tensor& t) = 0;
  // Waits for queued work (no-op on the CPU).
  virtual void synchronize() {}
};

}  // namespace bp
