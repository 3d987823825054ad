#pragma once
// Backend: the engine's only door to compute. Layers, losses and optimizers are written once
// against these operation families (one header per concept: memory, dense, conv, norm,
// dropout, optim); the CPU backend (engine/backend/cpu, Eigen) and the CUDA
// backend (gpu/, loaded at run time) are two implementations of the same list.
// The engine never includes CUDA headers and never branches on the backend inside a layer.
#include <memory>
#include <string>

#include "engine/backend/conv_ops.h"
#include "engine/backend/dense_ops.h"
#include "engine/backend/dropout_ops.h"
#include "engine/backend/memory_ops.h"
#include "engine/backend/norm_ops.h"
#include "engine/backend/optim_ops.h"

namespace bp {

enum class BackendKind { Cpu, Cuda };

class Backend {
 public:
  virtual ~Backend() = default;

  virtual BackendKind kind() const = 0;
  // "CPU (Eigen, 1 thread, AVX-512)" / "NVIDIA H100 80GB HBM3, 79.1 GiB"
  virtual std::string description() const = 0;
  // Threads used by the backend's own kernels; results never depend on it.
  virtual void set_num_threads(int threads) = 0;
  virtual int num_threads() const = 0;

  virtual MemoryOps& memory() = 0;
  virtual DenseOps& dense() = 0;
  virtual ConvOps& conv() = 0;        // Conv2d, LocallyConnected2d, pooling
  virtual NormOps& norm() = 0;        // BatchNorm, LayerNorm
  virtual DropoutOps& dropout() = 0;  // Dropout, Dropout2d, GaussianDropout, DropConnect masks
  virtual OptimOps& optim() = 0;

  Device device() const { return kind() == BackendKind::Cpu ? Device::Cpu : Device::Cuda; }
};

}  // namespace bp
