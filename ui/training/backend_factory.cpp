#include "ui/training/backend_factory.h"

#include <mutex>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"

namespace bp::ui {
namespace {

BackendProvider cpu_only_provider() {
  BackendProvider p;
  p.available = [] { return std::vector<BackendKind>{BackendKind::Cpu}; };
  p.create = [](BackendKind kind, int threads) -> std::unique_ptr<Backend> {
    if (kind == BackendKind::Cpu) return std::make_unique<CpuBackend>(threads < 1 ? 1 : threads);
    throw Error(
        "The GPU backend is not available in this build or on this machine; choose the CPU "
        "backend in the training panel.");
  };
  p.describe = [](BackendKind kind) {
    return kind == BackendKind::Cpu ? QStringLiteral("CPU (Eigen)") : QStringLiteral("GPU (CUDA)");
  };
  return p;
}

std::mutex& provider_mutex() {
  static std::mutex m;
  return m;
}

BackendProvider& provider() {
  static BackendProvider p = cpu_only_provider();
  return p;
}

}  // namespace

void set_backend_provider(BackendProvider p) {
  std::lock_guard lock(provider_mutex());
  provider() = std::move(p);
}

std::vector<BackendKind> available_backends() {
  std::lock_guard lock(provider_mutex());
  return provider().available();
}

QString backend_display_name(BackendKind kind) {
  std::lock_guard lock(provider_mutex());
  return provider().describe(kind);
}

std::unique_ptr<Backend> make_backend(BackendKind kind, int threads) {
  BackendProvider p;
  {
    std::lock_guard lock(provider_mutex());
    p = provider();
  }
  return p.create(kind, threads);
}

}  // namespace bp::ui
