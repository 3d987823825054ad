// PLACEHOLDER — replaced by the real CPU dense operations.
#include "engine/backend/cpu/cpu_backend.h"

namespace bp {

std::unique_ptr<DenseOps> make_cpu_dense_ops() { return nullptr; }

}  // namespace bp
