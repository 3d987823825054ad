#include "engine/graph/shape_inference.h"

#include <memory>

#include "engine/graph/names.h"
#include "engine/nn/layer_factory.h"

namespace bp {

std::vector<std::string> ShapeReport::messages_for(int node_id) const {
  std::vector<std::string> out;
  for (const auto& d : diagnostics)
    if (d.node_id == node_id) out.push_back(d.message);
  return out;
}

ShapeReport infer_shapes(const NetworkSpec& spec) {
  ShapeReport report;
  auto& diags = report.diagnostics;
  for (const auto& n : spec.nodes) report.nodes[n.id] = {};
  std::vector<int> order = spec.topological_order(&diags);
  if (order.empty()) return report;
  spec.input_node(&diags);

  for (int id : order) {
    const NodeSpec& node = *spec.find(id);
    NodeShapeInfo& info = report.nodes[id];
    const std::vector<int> producers = spec.inputs_of(id);
    if (node.kind == NodeKind::Input) {
      if (!producers.empty()) diags.push_back({id, "an Input node cannot have inputs"});
      const Shape& s = node.params.input_shape;
      if (s.rank() < 1 || s.rank() > 3 || s.numel() <= 0)
        diags.push_back({id, "input shape " + s.to_string() +
                                 " must have 1 to 3 positive dimensions, e.g. (2) or (1, 28, 28)"});
      else
        info.output = s;
      continue;
    }
    std::unique_ptr<Layer> layer;
    try {
      layer = make_layer(node);
    } catch (const Error& e) {
      diags.push_back({id, e.what()});
      continue;
    }
    const int count = static_cast<int>(producers.size());
    if (count == 0) {
      diags.push_back({id, "'" + node.name + "' has no input: connect a layer into it"});
      continue;
    }
    if (count < layer->min_inputs() || count > layer->max_inputs()) {
      std::string want = layer->min_inputs() == layer->max_inputs()
                             ? std::to_string(layer->min_inputs())
                             : "at least " + std::to_string(layer->min_inputs());
      diags.push_back({id, to_string(node.kind) + " takes " + want + " input" +
                               (layer->min_inputs() == 1 && layer->max_inputs() == 1 ? "" : "s") +
                               ", it has " + std::to_string(count)});
      continue;
    }
    std::vector<Shape> in_shapes;
    bool inputs_ok = true;
    for (int p : producers) {
      const auto& pi = report.nodes[p];
      if (!pi.output) {
        inputs_ok = false;
        break;
      }
      in_shapes.push_back(*pi.output);
    }
    if (!inputs_ok) continue;  // the producer already carries the diagnostic
    ShapeOrError out = layer->output_shape(in_shapes);
    if (auto* msg = std::get_if<std::string>(&out)) {
      diags.push_back({id, *msg});
      continue;
    }
    info.output = std::get<Shape>(out);
    // Counted with overflow checks: a Linear after a (1e6, 1e6, 1e6) input has more weights
    // than int64 holds; that is a diagnostic, not undefined behaviour.
    bool too_large = false;
    int64_t params = 0, total = 0;
    for (const auto& d : layer->parameters(in_shapes)) {
      if (!d.trainable) continue;
      int64_t n = 1;
      for (int i = 0; i < d.shape.rank(); ++i)
        too_large |= __builtin_mul_overflow(n, d.shape[i], &n);
      too_large |= __builtin_add_overflow(params, n, &params);
    }
    too_large |= __builtin_add_overflow(report.total_parameters, params, &total);
    if (too_large) {
      diags.push_back({id,
                       "too large: more than 9.2e18 parameters (reduce the input size or "
                       "out_features/out_channels)"});
      info.output.reset();
      continue;
    }
    info.parameter_count = params;
    report.total_parameters = total;
  }
  spec.output_node(&diags);
  return report;
}

std::optional<std::string> check_connection(const NetworkSpec& spec, int from, int to) {
  const NodeSpec* a = spec.find(from);
  const NodeSpec* b = spec.find(to);
  if (!a || !b) return "no such node";
  if (from == to) return "a layer cannot feed itself";
  if (b->kind == NodeKind::Input) return "an Input node cannot have inputs";
  NetworkSpec trial = spec;
  const int port = static_cast<int>(spec.inputs_of(to).size());
  trial.edges.push_back({trial.next_edge_id(), from, to, port});
  std::vector<Diagnostic> cyc;
  if (trial.topological_order(&cyc).empty()) return "this connection would create a cycle";
  ShapeReport report = infer_shapes(trial);
  auto msgs = report.messages_for(to);
  if (!msgs.empty()) return msgs.front();
  return std::nullopt;
}

}  // namespace bp
