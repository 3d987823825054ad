#pragma once
// Plain-loop reference of DropoutOps: one draw per element (or per channel block). The fast
// backends must reproduce its masks bit for bit.
#include <memory>

#include "engine/backend/dropout_ops.h"

namespace bp {

std::unique_ptr<DropoutOps> make_naive_dropout_ops();

}  // namespace bp
