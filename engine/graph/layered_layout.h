#pragma once
// Where each node of a network goes on the canvas: longest-path layering over the topological
// order (one row per depth, inputs on top), each row centred on x = 0 and kept in its current
// left-to-right order. One home for the editor's Auto-layout and the ONNX importer's layout.
#include <map>
#include <utility>

#include "engine/graph/network_spec.h"

namespace bp {

inline constexpr double kLayoutRowSpacing = 100.0;
inline constexpr double kLayoutColumnSpacing = 230.0;

// node id -> (x, y). A graph with a cycle is laid out in the spec's node order.
std::map<int, std::pair<double, double>> layered_layout(const NetworkSpec& net);

}  // namespace bp
