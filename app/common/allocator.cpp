#include "app/common/allocator.h"

#include <malloc.h>

namespace bp::app {

void tune_allocator() {
  constexpr int k256MiB = 256 * 1024 * 1024;
  mallopt(M_MMAP_THRESHOLD, k256MiB);  // large buffers from the heap, not fresh mmaps
  mallopt(M_TRIM_THRESHOLD, k256MiB);  // do not return the heap top to the kernel eagerly
  mallopt(M_TOP_PAD, 64 * 1024 * 1024);
}

}  // namespace bp::app
