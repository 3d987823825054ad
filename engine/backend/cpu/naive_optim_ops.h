#pragma once
// Reference optimizer operations: a literal transcription of torch.optim's single-tensor code,
// one pass per torch tensor operation, with temporaries. Slow and obvious; the tests compare the
// fused CPU kernels (cpu_optim_ops.cpp) against it.
#include <memory>

#include "engine/backend/optim_ops.h"

namespace bp {

std::unique_ptr<OptimOps> make_naive_optim_ops();

}  // namespace bp
