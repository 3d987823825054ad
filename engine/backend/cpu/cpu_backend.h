#pragma once
// The CPU backend: Eigen kernels on host memory. Each operation family lives in its own file
// (cpu_memory_ops.cpp, cpu_dense_ops.cpp, cpu_conv_ops.cpp, cpu_norm_ops.cpp,
// cpu_dropout_ops.cpp, cpu_optim_ops.cpp), each with a
// naive reference implementation beside it (naive_*.cpp) that the tests compare against.
#include <memory>

#include "engine/backend/backend.h"
#include "engine/core/worker_pool.h"

namespace bp {

std::unique_ptr<MemoryOps> make_cpu_memory_ops();
std::unique_ptr<DenseOps> make_cpu_dense_ops();
// pool: splits batches of the convolution kernels over threads (null: the calling thread only).
std::unique_ptr<ConvOps> make_cpu_conv_ops(WorkerPool* pool = nullptr);
std::unique_ptr<NormOps> make_cpu_norm_ops();
std::unique_ptr<DropoutOps> make_cpu_dropout_ops();
std::unique_ptr<OptimOps> make_cpu_optim_ops();

class CpuBackend final : public Backend {
 public:
  explicit CpuBackend(int threads = 1);

  BackendKind kind() const override { return BackendKind::Cpu; }
  std::string description() const override;
  void set_num_threads(int threads) override;
  int num_threads() const override { return threads_; }

  MemoryOps& memory() override { return *memory_; }
  DenseOps& dense() override { return *dense_; }
  ConvOps& conv() override { return *conv_; }
  NormOps& norm() override { return *norm_; }
  DropoutOps& dropout() override { return *dropout_; }
  OptimOps& optim() override { return *optim_; }

 private:
  int threads_ = 1;
  WorkerPool pool_;  // before the op families that use it, so it outlives them
  std::unique_ptr<MemoryOps> memory_;
  std::unique_ptr<DenseOps> dense_;
  std::unique_ptr<ConvOps> conv_;
  std::unique_ptr<NormOps> norm_;
  std::unique_ptr<DropoutOps> dropout_;
  std::unique_ptr<OptimOps> optim_;
};

}  // namespace bp
