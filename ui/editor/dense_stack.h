#pragma once
// Playground-style edits of a dense network, Input -> Linear -> ... -> Linear (the last Linear is
// the output layer, the others are hidden layers): add or remove a hidden layer, change a
// layer's units, one activation for every hidden layer. Pure functions on a NetworkSpec; the
// DenseBuilder widget pushes their results as undoable commands.
#include <optional>
#include <vector>

#include "engine/graph/network_spec.h"

namespace bp::ui {

// Units a Linear layer may have here: more than this is refused with a message (a 20,000-unit
// layer of a toy network costs gigabytes and teaches nothing more).
constexpr int64_t kMaxDenseUnits = 4096;
constexpr int kMaxHiddenLayers = 8;

struct DenseChain {
  int input = 0;
  std::vector<int> hidden;  // node ids, first to last
  int output = 0;
};

// The chain when `net` is exactly Input -> Linear+ (one edge between neighbours, nothing else).
std::optional<DenseChain> dense_chain(const NetworkSpec& net);

// A new hidden layer after the last one (units and activation of the last hidden layer, or 4 and
// Tanh), laid out top-down. Unchanged when `net` is no dense chain or has kMaxHiddenLayers.
NetworkSpec add_hidden_layer(const NetworkSpec& net);
// Removes the last hidden layer (its neighbours are connected). Unchanged without one.
NetworkSpec remove_hidden_layer(const NetworkSpec& net);
// Units of `node_id`, clamped to 1..kMaxDenseUnits.
NetworkSpec with_units(const NetworkSpec& net, int node_id, int64_t units);
// Every hidden layer gets activation `f`.
NetworkSpec with_hidden_activation(const NetworkSpec& net, Activation f);
// The hidden layers' common activation (nullopt: none, or they differ).
std::optional<Activation> hidden_activation(const NetworkSpec& net);

}  // namespace bp::ui
