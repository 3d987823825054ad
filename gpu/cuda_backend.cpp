#include "gpu/cuda_backend.h"

#include <cstdio>
#include <cstring>
#include <exception>

#include "gpu/cuda_check.h"
#include "gpu/cuda_entry.h"
#include "gpu/cuda_ops.h"

namespace bp::gpu {
namespace {

std::string describe(int device) {
  cudaDeviceProp prop{};
  BP_CUDA_CHECK(cudaGetDeviceProperties(&prop, device));
  char memory[64];
  std::snprintf(memory, sizeof memory, "%.1f GiB",
                static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0));
  return std::string(prop.name) + ", " + memory + " (CUDA, sm_" + std::to_string(prop.major) +
         std::to_string(prop.minor) + ")";
}

}  // namespace

CudaBackend::CudaBackend(int device)
    : ctx_(std::make_unique<CudaContext>(device)),
      description_(describe(device)),
      memory_(make_cuda_memory_ops(*ctx_)),
      dense_(make_cuda_dense_ops(*ctx_)),
      conv_(make_cuda_conv_ops(*ctx_)),
      norm_(make_cuda_norm_ops(*ctx_)),
      dropout_(make_cuda_dropout_ops(*ctx_)),
      optim_(make_cuda_optim_ops(*ctx_)) {}

CudaBackend::~CudaBackend() = default;

}  // namespace bp::gpu

namespace {

void write_error(char* error, int error_size, const std::string& message) {
  if (!error || error_size <= 0) return;
  std::snprintf(error, static_cast<size_t>(error_size), "%s", message.c_str());
}

}  // namespace

extern "C" bp::Backend* bp_create_cuda_backend(int /*threads*/, char* error, int error_size) {
  try {
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
      // Without a driver (cudaErrorInsufficientDriver) or without a GPU (cudaErrorNoDevice).
      write_error(error, error_size,
                  std::string("no usable CUDA device (") + cudaGetErrorString(e) + ")");
      cudaGetLastError();  // clear the sticky error state for a later try
      return nullptr;
    }
    if (count == 0) {
      write_error(error, error_size, "no CUDA device found");
      return nullptr;
    }
    return new bp::gpu::CudaBackend(0);
  } catch (const std::exception& ex) {
    write_error(error, error_size, ex.what());
  } catch (...) {
    write_error(error, error_size, "unknown error while starting the CUDA backend");
  }
  return nullptr;
}
