#pragma once
// How `backprop train` prints a training-health finding as it fires:
//   health [vanishing-gradients] epoch 3: Vanishing gradients: the first layer's ...
//          try: Use ReLU with He (kaiming) initialization, ...
#include <string>

#include "engine/train/health/health_finding.h"

namespace bp::cli {

std::string format_health_finding(const HealthFinding& finding);

}  // namespace bp::cli
