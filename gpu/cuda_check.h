#pragma once
// CUDA and cuBLAS error checks: every failing call throws bp::Error naming the source file, the
// line, the call and the CUDA error string. Library code never aborts; the GUI worker and the CLI
// catch bp::Error and report it as a failed run.
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <string>

#include "engine/core/error.h"

namespace bp::gpu {

[[noreturn]] inline void throw_cuda_error(cudaError_t e, const char* call, const char* file,
                                          int line) {
  throw Error(std::string("CUDA error at ") + file + ":" + std::to_string(line) + " in " + call +
              ": " + cudaGetErrorName(e) + " (" + cudaGetErrorString(e) + ")");
}

[[noreturn]] inline void throw_cublas_error(cublasStatus_t s, const char* call, const char* file,
                                            int line) {
  throw Error(std::string("cuBLAS error at ") + file + ":" + std::to_string(line) + " in " + call +
              ": " + cublasGetStatusName(s) + " (" + cublasGetStatusString(s) + ")");
}

}  // namespace bp::gpu

#define BP_CUDA_CHECK(call)                                                 \
  do {                                                                      \
    const cudaError_t bp_cuda_err_ = (call);                                \
    if (bp_cuda_err_ != cudaSuccess)                                        \
      ::bp::gpu::throw_cuda_error(bp_cuda_err_, #call, __FILE__, __LINE__); \
  } while (0)

// After a kernel launch: configuration errors surface here, execution errors at the next sync.
#define BP_CUDA_LAUNCH_CHECK() BP_CUDA_CHECK(cudaGetLastError())

#define BP_CUBLAS_CHECK(call)                                                  \
  do {                                                                         \
    const cublasStatus_t bp_cublas_st_ = (call);                               \
    if (bp_cublas_st_ != CUBLAS_STATUS_SUCCESS)                                \
      ::bp::gpu::throw_cublas_error(bp_cublas_st_, #call, __FILE__, __LINE__); \
  } while (0)
