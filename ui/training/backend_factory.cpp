#include "ui/training/backend_factory.h"

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"

namespace bp::ui {

std::vector<BackendKind> available_backends() {
  return {BackendKind::Cpu};
}

QString backend_display_name(BackendKind kind) {
  return kind == BackendKind::Cpu ? QStringLiteral("CPU (Eigen)") : QStringLiteral("GPU (CUDA)");
}

std::unique_ptr<Backend> make_backend(BackendKind kind, int threads) {
  switch (kind) {
    case BackendKind::Cpu:
      return std::make_unique<CpuBackend>(threads < 1 ? 1 : threads);
    case BackendKind::Cuda:
      break;
  }
  throw Error(
      "The GPU backend is not available in this build or on this machine; choose the CPU backend "
      "in the training panel.");
}

}  // namespace bp::ui
