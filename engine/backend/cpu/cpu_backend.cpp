#include "engine/backend/cpu/cpu_backend.h"

#include <Eigen/Core>
#include <algorithm>
#include <string>

namespace bp {

CpuBackend::CpuBackend(int threads)
    : memory_(make_cpu_memory_ops()),
      dense_(make_cpu_dense_ops()),
      conv_(make_cpu_conv_ops(&pool_)),
      norm_(make_cpu_norm_ops()),
      dropout_(make_cpu_dropout_ops()),
      optim_(make_cpu_optim_ops()) {
  set_num_threads(threads);
}

std::string CpuBackend::description() const {
  const std::string simd = Eigen::SimdInstructionSetsInUse();
  return "CPU (Eigen, " + std::to_string(threads_) + (threads_ == 1 ? " thread, " : " threads, ") +
         simd + ")";
}

void CpuBackend::set_num_threads(int threads) {
  threads_ = std::max(1, threads);
  pool_.resize(threads_);
}

}  // namespace bp
