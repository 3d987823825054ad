#pragma once
// The app's initializers in an exported PyTorch script: INIT, one entry per trainable parameter
// (by its name in the project) with the distribution the app draws it from, its bounds computed
// here with the layer's own fans (engine/init/initializers.cpp), so that a project without
// weights starts in the script from the same distributions (fan_in_uniform, Xavier, Kaiming,
// LeCun, orthogonal, ...), drawn from torch's random stream.
#include <string>

#include "engine/graph/network_spec.h"

namespace bp {

// "INIT = {...}\n": "name": ("uniform", low, high) | ("normal", mean, std) |
// ("constant", value) | ("orthogonal", gain). Empty entries for a network with errors.
std::string pytorch_init_table(const NetworkSpec& network);

}  // namespace bp
