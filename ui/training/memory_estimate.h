#pragma once
// A rough memory estimate of a run, to refuse a network that cannot fit this machine before
// it is built (a 20,000-unit layer took 4.1 GB). The engine's estimate (engine/graph/
// memory_estimate.h, which the CLI's `info` prints) for the largest batch the run evaluates (a
// mini-batch, or the 100x100 decision grid on 2-D data), plus what the studio keeps besides:
// checkpoint and snapshot copies of the parameters and a scratch copy of the activations.
#include <QString>
#include <cstdint>

#include "engine/io/project.h"

namespace bp::ui {

struct MemoryEstimate {
  int64_t parameter_bytes = 0;
  int64_t activation_bytes = 0;
  int64_t largest_batch = 0;  // samples of the largest batch counted
  int64_t total() const { return parameter_bytes + activation_bytes; }
};

MemoryEstimate estimate_memory(const Project& project);
// Physical memory of this machine in bytes (0 when unknown).
int64_t physical_memory_bytes();
// Empty when `project` fits in `available` bytes (0: unknown, always fits), else the refusal
// with the figures and what to do.
QString memory_refusal(const Project& project, int64_t available);
// "4.1 GB", "350 MB".
QString human_bytes(int64_t bytes);

}  // namespace bp::ui
