#pragma once
// infer_shapes: per-node output shapes, parameter counts and diagnostics for a NetworkSpec.
// User mistakes (a Linear fed an image, a cycle, a dangling node) become Diagnostics for the
// editor, never exceptions.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "engine/core/error.h"
#include "engine/graph/network_spec.h"

namespace bp {

struct NodeShapeInfo {
  std::optional<Shape> output;  // per sample; empty when the node or an input is in error
  int64_t parameter_count = 0;  // trainable parameters
};

struct ShapeReport {
  std::map<int, NodeShapeInfo> nodes;
  std::vector<Diagnostic> diagnostics;
  int64_t total_parameters = 0;
  bool ok() const { return diagnostics.empty(); }
  // Diagnostics of one node (for the editor's badge tooltip).
  std::vector<std::string> messages_for(int node_id) const;
};

ShapeReport infer_shapes(const NetworkSpec& spec);

// Whether connecting `from` -> `to` (next free port) keeps the network valid; nullopt when it
// does, else the reason (the editor refuses such a connection and shows the reason).
std::optional<std::string> check_connection(const NetworkSpec& spec, int from, int to);

}  // namespace bp
