#pragma once
// The one place the studio turns a backend choice into a Backend. CPU only for now; the CUDA
// backend (loaded at run time) plugs in here later.
#include <QString>
#include <memory>
#include <vector>

#include "engine/backend/backend.h"

namespace bp::ui {

// The backends this machine can run (CPU always first).
std::vector<BackendKind> available_backends();
QString backend_display_name(BackendKind kind);
// Throws bp::Error when the backend is not available.
std::unique_ptr<Backend> make_backend(BackendKind kind, int threads);

}  // namespace bp::ui
