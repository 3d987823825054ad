#pragma once
// Factories of the CUDA backend's op families (one kernel file each under gpu/kernels/).
#include <memory>

#include "engine/backend/backend.h"
#include "gpu/cuda_context.h"

namespace bp::gpu {

std::unique_ptr<MemoryOps> make_cuda_memory_ops(CudaContext& ctx);
std::unique_ptr<DenseOps> make_cuda_dense_ops(CudaContext& ctx);
std::unique_ptr<ConvOps> make_cuda_conv_ops(CudaContext& ctx);
std::unique_ptr<NormOps> make_cuda_norm_ops(CudaContext& ctx);
std::unique_ptr<DropoutOps> make_cuda_dropout_ops(CudaContext& ctx);
std::unique_ptr<OptimOps> make_cuda_optim_ops(CudaContext& ctx);

}  // namespace bp::gpu
