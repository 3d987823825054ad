#pragma once
// Shared by the CUDA tests: opening the CUDA backend (or skipping visibly), moving tensors between
// the host and a backend, and comparing them with a relative bound.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "app/common/backends.h"
#include "engine/backend/backend.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"

namespace bp::gputest {

// ctest's SKIP_RETURN_CODE for the device tests.
constexpr int kSkip = 77;

// Points the loader at the module next to the test binaries unless the environment already does.
inline void locate_module() {
  setenv("BP_CUDA_MODULE", BP_BIN_DIR "/libbp_cuda_backend.so", 0);
}

// The CUDA backend, or null with the reason printed (the caller then exits with kSkip).
inline std::unique_ptr<Backend> open_cuda_or_report() {
  locate_module();
  try {
    return app::create_backend(app::BackendChoice::Cuda, 1).backend;
  } catch (const Error& e) {
    std::printf("skipped: no CUDA device (%s)\n", e.what());
    return nullptr;
  }
}

// Runs a QtTest object on a device, or exits with kSkip.
template <class TestObject>
int run_on_device(int argc, char** argv) {
  std::unique_ptr<Backend> probe = open_cuda_or_report();
  if (!probe) return kSkip;
  std::printf("device: %s\n", probe->description().c_str());
  probe.reset();
  TestObject t;
  return QTest::qExec(&t, argc, argv);
}

// Host copy of any tensor of `backend`.
inline std::vector<float> to_host(Backend& backend, const Tensor& t) {
  std::vector<float> out(static_cast<size_t>(t.numel()));
  backend.memory().download(t, out.data());
  return out;
}

// A tensor of `backend` holding `values`.
inline Tensor on(Backend& backend, const Shape& s, const std::vector<float>& values) {
  Tensor t = backend.memory().empty(s);
  backend.memory().upload(values.data(), t);
  return t;
}

inline std::vector<float> random_values(const Shape& s, Rng& rng, float lo = -1.0f,
                                        float hi = 1.0f) {
  std::vector<float> v(static_cast<size_t>(s.numel()));
  for (float& x : v) x = lo + (hi - lo) * rng.uniform();
  return v;
}

// max |a - b| / max(max |a|, floor): relative to the tensor's scale, so values near zero in a
// tensor of order one do not inflate the error.
inline double relative_error(const std::vector<float>& a, const std::vector<float>& b,
                             double floor = 1e-3) {
  if (a.size() != b.size()) return INFINITY;
  double diff = 0.0, scale = floor;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) != std::isnan(b[i])) return INFINITY;
    if (std::isnan(a[i])) continue;
    diff = std::max(diff, std::fabs(static_cast<double>(a[i]) - b[i]));
    scale = std::max(scale, std::fabs(static_cast<double>(a[i])));
  }
  return diff / scale;
}

}  // namespace bp::gputest

// Fails the current test function when CPU and CUDA results differ by more than `bound`.
#define EXPECT_PARITY(cpu_values, cuda_values, bound, what)                                    \
  do {                                                                                         \
    const double err_ = ::bp::gputest::relative_error((cpu_values), (cuda_values));            \
    if (!(err_ <= (bound)))                                                                    \
      QFAIL(qPrintable(QString("%1: relative error %2 > %3").arg(what).arg(err_).arg(bound))); \
  } while (0)
