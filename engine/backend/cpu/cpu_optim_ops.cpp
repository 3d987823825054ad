// PLACEHOLDER — replaced by the real CPU optim operations.
#include "engine/backend/cpu/cpu_backend.h"

namespace bp {

std::unique_ptr<OptimOps> make_cpu_optim_ops() { return nullptr; }

}  // namespace bp
