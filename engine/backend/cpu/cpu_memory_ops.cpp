// CPU memory and element-wise utilities: host memory, plain loops the compiler vectorises.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "engine/backend/cpu/cpu_backend.h"

namespace bp {
namespace {

void require_same_numel(const Tensor& a, const Tensor& b, const char* op) {
  if (a.numel() != b.numel())
    throw std::invalid_argument(std::string(op) + ": " + a.shape().to_string() + " vs " +
                                b.shape().to_string());
}

class CpuMemoryOps final : public MemoryOps {
 public:
  Tensor empty(const Shape& shape) override { return Tensor::cpu(shape); }

  void upload(const float* host, Tensor& dst) override {
    if (dst.numel())
      std::memcpy(dst.data(), host, static_cast<size_t>(dst.numel()) * sizeof(float));
  }
  void download(const Tensor& src, float* host) override {
    if (src.numel())
      std::memcpy(host, src.data(), static_cast<size_t>(src.numel()) * sizeof(float));
  }
  void fill(Tensor& t, float value) override { std::fill_n(t.data(), t.numel(), value); }
  void copy(const Tensor& src, Tensor& dst) override {
    require_same_numel(src, dst, "copy");
    if (src.data() != dst.data() && src.numel())
      std::memmove(dst.data(), src.data(), static_cast<size_t>(src.numel()) * sizeof(float));
  }
  void axpy(float alpha, const Tensor& x, Tensor& y) override {
    require_same_numel(x, y, "axpy");
    const float* xp = x.data();
    float* yp = y.data();
    const int64_t n = x.numel();
    for (int64_t i = 0; i < n; ++i) yp[i] += alpha * xp[i];
  }
  void scale(Tensor& t, float alpha) override {
    float* p = t.data();
    const int64_t n = t.numel();
    for (int64_t i = 0; i < n; ++i) p[i] *= alpha;
  }
  double sum_squares(const Tensor& t) override {
    const float* p = t.data();
    double s = 0.0;
    for (int64_t i = 0, n = t.numel(); i < n; ++i) s += static_cast<double>(p[i]) * p[i];
    return s;
  }
  double sum_abs(const Tensor& t) override {
    const float* p = t.data();
    double s = 0.0;
    for (int64_t i = 0, n = t.numel(); i < n; ++i) s += std::fabs(static_cast<double>(p[i]));
    return s;
  }
  void clamp(Tensor& t, float lo, float hi) override {
    float* p = t.data();
    for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = std::min(hi, std::max(lo, p[i]));
  }
  bool all_finite(const Tensor& t) override {
    const float* p = t.data();
    for (int64_t i = 0, n = t.numel(); i < n; ++i)
      if (!std::isfinite(p[i])) return false;
    return true;
  }
};

}  // namespace

std::unique_ptr<MemoryOps> make_cpu_memory_ops() {
  return std::make_unique<CpuMemoryOps>();
}

}  // namespace bp
