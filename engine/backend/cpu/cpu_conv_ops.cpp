// PLACEHOLDER — replaced by the real CPU conv operations.
#include "engine/backend/cpu/cpu_backend.h"

namespace bp {

std::unique_ptr<ConvOps> make_cpu_conv_ops() { return nullptr; }

}  // namespace bp
