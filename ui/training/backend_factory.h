#pragma once
// The one place the studio turns a backend choice into a Backend. The engine's CPU backend is
// always there; the composition root (app/gui) installs a provider that adds the CUDA backend
// module when this machine can load it, so ui/ itself never knows about CUDA.
#include <QString>
#include <functional>
#include <memory>
#include <vector>

#include "engine/backend/backend.h"

namespace bp::ui {

struct BackendProvider {
  // Kinds this machine can run, CPU first.
  std::function<std::vector<BackendKind>()> available;
  // Throws bp::Error when the kind is not available.
  std::function<std::unique_ptr<Backend>(BackendKind kind, int threads)> create;
  // "CPU (Eigen)", "NVIDIA H100 80GB HBM3, 79.1 GiB"
  std::function<QString(BackendKind kind)> describe;
};

// Replaces the default (CPU-only) provider; call before the first training run.
void set_backend_provider(BackendProvider provider);

// The backends this machine can run (CPU always first).
std::vector<BackendKind> available_backends();
QString backend_display_name(BackendKind kind);
// Throws bp::Error when the backend is not available.
std::unique_ptr<Backend> make_backend(BackendKind kind, int threads);

}  // namespace bp::ui
