#pragma once
// Rosenblatt's perceptron learning rule for Input -> Linear(1, Step).
#include <cstdint>

#include "engine/core/rng.h"
#include "engine/data/dataset.h"
#include "engine/graph/model.h"

namespace bp {

// One pass over `data` in shuffled order: on each mistake w += lr (t - y) x, b += lr (t - y),
// labels t in {0, 1}. Returns the number of mistakes. Throws bp::Error for other networks.
int64_t perceptron_epoch(Model& model, const Dataset& data, float lr, Rng& rng);

}  // namespace bp
