#include "app/common/backends.h"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"

namespace bp::app {
namespace {

// The module's C entry point: returns a new Backend or null, writing a reason into `error`.
using CreateFn = Backend* (*)(int threads, char* error, int error_size);
constexpr const char* kModuleName = "libbp_cuda_backend.so";
constexpr const char* kEntryPoint = "bp_create_cuda_backend";

struct CudaModule {
  void* handle = nullptr;
  CreateFn create = nullptr;
  std::string reason;
};

std::string executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : exe.parent_path().string();
}

const CudaModule& cuda_module() {
  static CudaModule module;
  static std::once_flag once;
  std::call_once(once, [] {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("BP_CUDA_MODULE")) candidates.emplace_back(env);
    candidates.push_back(executable_dir() + "/" + kModuleName);
    candidates.push_back(executable_dir() + "/../lib/" + kModuleName);
    std::string errors;
    for (const auto& path : candidates) {
      if (!std::filesystem::exists(path)) continue;
      void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!h) {
        const char* e = dlerror();
        errors += path + ": " + (e ? e : "cannot be loaded") + "; ";
        continue;
      }
      auto fn = reinterpret_cast<CreateFn>(dlsym(h, kEntryPoint));
      if (!fn) {
        errors += path + ": no entry point " + kEntryPoint + "; ";
        dlclose(h);
        continue;
      }
      module.handle = h;
      module.create = fn;
      return;
    }
    module.reason = errors.empty() ? "the CUDA backend module (" + std::string(kModuleName) +
                                         ") is not part of this build"
                                   : "the CUDA backend module could not be loaded: " + errors;
  });
  return module;
}

std::unique_ptr<Backend> try_cuda(int threads, std::string* reason) {
  const CudaModule& m = cuda_module();
  if (!m.create) {
    *reason = m.reason;
    return nullptr;
  }
  char error[512] = {0};
  Backend* b = m.create(threads, error, sizeof error);
  if (!b) {
    *reason = error[0] ? error : "no CUDA device is available";
    return nullptr;
  }
  return std::unique_ptr<Backend>(b);
}

}  // namespace

std::vector<BackendAvailability> probe_backends() {
  std::vector<BackendAvailability> out;
  CpuBackend cpu(1);
  out.push_back({BackendKind::Cpu, true, cpu.description()});
  std::string reason;
  auto cuda = try_cuda(1, &reason);
  out.push_back({BackendKind::Cuda, cuda != nullptr, cuda ? cuda->description() : reason});
  return out;
}

BackendSelection create_backend(BackendChoice choice, int threads) {
  BackendSelection sel;
  if (choice == BackendChoice::Cpu) {
    sel.backend = std::make_unique<CpuBackend>(threads);
    return sel;
  }
  std::string reason;
  sel.backend = try_cuda(threads, &reason);
  if (sel.backend) return sel;
  if (choice == BackendChoice::Cuda) throw Error("the CUDA backend is not available: " + reason);
  sel.backend = std::make_unique<CpuBackend>(threads);
  sel.notice = "no GPU backend (" + reason + "); training on the CPU";
  return sel;
}

BackendChoice parse_backend_choice(const std::string& name) {
  if (name == "cpu") return BackendChoice::Cpu;
  if (name == "cuda") return BackendChoice::Cuda;
  if (name == "auto") return BackendChoice::Auto;
  throw Error("unknown backend '" + name + "': choose cpu, cuda or auto");
}

}  // namespace bp::app
