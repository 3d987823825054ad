#pragma once
// Plain-loop reference of NormOps (BatchNorm, LayerNorm), accumulated in double, with the
// backward passes derived from the forward lines. Slow on purpose; never used for training.
#include <memory>

#include "engine/backend/norm_ops.h"

namespace bp {

std::unique_ptr<NormOps> make_naive_norm_ops();

}  // namespace bp
