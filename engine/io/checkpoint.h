#pragma once
// A checkpoint is the weights (by parameter name) plus the TrainState. These helpers carry one
// across edits of the network that leave its weights usable: moving or renaming layers keeps
// every value (renamed layers' parameters change their names), any other change that keeps
// every parameter's name and shape keeps them too.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/train/train_state.h"

namespace bp {

using WeightMap = std::map<std::string, std::vector<float>>;

// The same layers (ids, kinds, parameters) and connections; editor positions never count, and
// names count unless `ignore_names`.
bool same_structure(const NetworkSpec& a, const NetworkSpec& b, bool ignore_names = false);

// Renames the parameters (and the optimizer state's layout) of every layer whose name differs
// between `from` and `to`, matching layers by id: "fc1.weight" -> "hidden.weight".
void rename_checkpoint(const NetworkSpec& from, const NetworkSpec& to, WeightMap& weights,
                       std::optional<TrainState>& state);

// True when `weights` has exactly the parameters and buffers `network` declares, each with the
// declared number of values.
bool checkpoint_fits(const NetworkSpec& network, const WeightMap& weights);

}  // namespace bp
