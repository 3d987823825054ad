#pragma once
// Keeps freed memory in the process instead of handing it back to the kernel after every
// product: Eigen's GEMM allocates work buffers per call, and glibc's default trim/mmap thresholds
// turned that into page faults that cost up to 4x (see docs/performance.md).
namespace bp::app {

void tune_allocator();

}  // namespace bp::app
