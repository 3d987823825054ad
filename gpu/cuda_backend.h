#pragma once
// The CUDA backend: the engine's Backend interface on one NVIDIA GPU. Data and parameters live in
// device memory (Tensor::device() == Device::Cuda); every op family queues its kernels on the
// backend's one stream. Built into libbp_cuda_backend.so and created through the C entry point
// bp_create_cuda_backend (cuda_entry.h), which app/common/backends.cpp finds with dlopen/dlsym.
#include <memory>
#include <string>

#include "engine/backend/backend.h"
#include "gpu/cuda_context.h"

namespace bp::gpu {

class CudaBackend final : public Backend {
 public:
  // Throws bp::Error when the device cannot be used.
  explicit CudaBackend(int device);
  ~CudaBackend() override;

  BackendKind kind() const override { return BackendKind::Cuda; }
  std::string description() const override { return description_; }
  // Kernels run on the GPU: the host thread count changes nothing.
  void set_num_threads(int) override {}
  int num_threads() const override { return 1; }

  MemoryOps& memory() override { return *memory_; }
  DenseOps& dense() override { return *dense_; }
  ConvOps& conv() override { return *conv_; }
  NormOps& norm() override { return *norm_; }
  DropoutOps& dropout() override { return *dropout_; }
  OptimOps& optim() override { return *optim_; }

 private:
  std::unique_ptr<CudaContext> ctx_;  // first: the op families hold references to it
  std::string description_;
  std::unique_ptr<MemoryOps> memory_;
  std::unique_ptr<DenseOps> dense_;
  std::unique_ptr<ConvOps> conv_;
  std::unique_ptr<NormOps> norm_;
  std::unique_ptr<DropoutOps> dropout_;
  std::unique_ptr<OptimOps> optim_;
};

}  // namespace bp::gpu
