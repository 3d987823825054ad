#include "engine/graph/memory_estimate.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/graph/shape_inference.h"

namespace bp {
namespace {

constexpr double kFloatBytes = 4.0;
constexpr double kOptimizerBuffers = 2.0;  // Adam: exp_avg, exp_avg_sq

double numel(const Shape& s) {
  double n = 1.0;
  for (int i = 0; i < s.rank(); ++i) n *= static_cast<double>(s[i]);
  return n;
}

}  // namespace

MemoryEstimate estimate_memory(const NetworkSpec& network, int batch_size, MemoryUse use) {
  MemoryEstimate e;
  const ShapeReport report = infer_shapes(network);
  if (!report.ok()) return e;
  const bool training = use == MemoryUse::Training;
  double activations = 0.0;
  for (const auto& [id, info] : report.nodes) {
    e.parameters += static_cast<double>(info.parameter_count);
    if (info.output) activations += numel(*info.output);
  }
  const double batch = static_cast<double>(batch_size > 0 ? batch_size : 1);
  const double copies_per_parameter = training ? 2.0 + kOptimizerBuffers : 1.0;
  e.parameter_bytes = e.parameters * kFloatBytes * copies_per_parameter;
  e.activation_bytes = activations * batch * kFloatBytes * (training ? 2.0 : 1.0);
  e.known = true;
  return e;
}

uint64_t available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream fields(line.substr(13));
    uint64_t kib = 0;
    if (fields >> kib) return kib * 1024;
  }
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page);
}

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
  int unit = 0;
  while (bytes >= 1000.0 && unit < 6) {
    bytes /= 1000.0;
    ++unit;
  }
  char buf[64];
  if (unit == 0)
    std::snprintf(buf, sizeof buf, "%.0f bytes", bytes);
  else if (bytes >= 1000.0)  // beyond exabytes: scientific
    std::snprintf(buf, sizeof buf, "%.2e %s", bytes, kUnits[unit]);
  else
    std::snprintf(buf, sizeof buf, "%.3g %s", bytes, kUnits[unit]);
  return buf;
}

std::string memory_problem(const MemoryEstimate& estimate, uint64_t available, int batch_size) {
  if (!estimate.known || available == 0) return "";
  if (estimate.total_bytes() <= static_cast<double>(available)) return "";
  std::string advice;
  if (estimate.activation_bytes > estimate.parameter_bytes && batch_size > 1)
    advice = "a smaller training.batch_size (now " + std::to_string(batch_size) +
             ") or smaller layers/input";
  else
    advice = "fewer or smaller layers (a Linear layer after a large input holds in x out weights)";
  char params[32];
  std::snprintf(params, sizeof params, "%.3g", estimate.parameters);
  return "the network needs about " + format_bytes(estimate.total_bytes()) + " of memory (" +
         params + " parameters: " + format_bytes(estimate.parameter_bytes) +
         " with gradients and optimizer state; activations: " +
         format_bytes(estimate.activation_bytes) + " at batch size " + std::to_string(batch_size) +
         ") but only " + format_bytes(static_cast<double>(available)) + " is available; try " +
         advice;
}

}  // namespace bp
