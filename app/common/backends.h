#pragma once
// The composition root's view of compute backends: the CPU backend is linked in; the CUDA
// backend is a separately built module (libbp_cuda_backend.so) opened at run time, so a machine
// without CUDA libraries or a driver still runs the app — it just has no GPU backend.
#include <memory>
#include <string>
#include <vector>

#include "engine/backend/backend.h"

namespace bp::app {

enum class BackendChoice { Cpu, Cuda, Auto };

struct BackendAvailability {
  BackendKind kind = BackendKind::Cpu;
  bool available = false;
  std::string description;  // device name and memory, or why it is unavailable
};

// What this machine offers (the CUDA module is probed once and cached).
std::vector<BackendAvailability> probe_backends();

struct BackendSelection {
  std::unique_ptr<Backend> backend;
  std::string notice;  // non-empty when Auto fell back to the CPU (say it once)
};

// Cpu: always works. Cuda: throws bp::Error with the reason when unavailable. Auto: CUDA when
// available, else the CPU with a notice.
BackendSelection create_backend(BackendChoice choice, int threads);

// "cpu" | "cuda" | "auto" (nullopt-like: throws bp::Error naming the allowed values).
BackendChoice parse_backend_choice(const std::string& name);

}  // namespace bp::app
