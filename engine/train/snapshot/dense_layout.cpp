#include "engine/train/snapshot/dense_layout.h"

#include <map>

#include "engine/graph/layer_descriptor.h"

namespace bp {
namespace {

bool is_elementwise(NodeKind kind) {
  return layer_descriptor(kind).neuron_view == NeuronView::Elementwise;
}

bool is_dense_kind(NodeKind kind) {
  return layer_descriptor(kind).neuron_view != NeuronView::None;
}

}  // namespace

std::vector<DenseLayer> dense_layers(const NetworkSpec& spec, const ShapeReport& shapes) {
  std::vector<DenseLayer> layers;
  (void)shapes;  // units come from the spec, so a network with errors elsewhere still shows
  const auto input = spec.input_node();
  if (!input) return layers;
  const NodeSpec* in = spec.find(*input);
  if (!in || in->params.input_shape.rank() != 1) return layers;
  for (const NodeSpec& n : spec.nodes)
    if (!is_dense_kind(n.kind)) return layers;
  const auto order = spec.topological_order();
  if (order.empty()) return layers;

  std::map<int, int> layer_of;  // Linear/Input node id -> layer index
  auto add_layer = [&](const NodeSpec& n, int units, int source, std::string weight) {
    DenseLayer l;
    l.node_id = n.id;
    l.name = n.name;
    l.units = units;
    l.source = source;
    l.weight_name = std::move(weight);
    // Follow a single chain of element-wise consumers to the displayed output.
    int out = n.id;
    for (;;) {
      const auto consumers = spec.consumers_of(out);
      if (consumers.size() != 1) break;
      const NodeSpec* c = spec.find(consumers[0]);
      if (!c || !is_elementwise(c->kind)) break;
      out = c->id;
    }
    l.output_node_id = out;
    layer_of[n.id] = static_cast<int>(layers.size());
    layers.push_back(std::move(l));
  };
  add_layer(*in, static_cast<int>(in->params.input_shape[0]), -1, "");
  for (int id : order) {
    const NodeSpec* n = spec.find(id);
    if (!n || n->kind != NodeKind::Linear) continue;
    // The nearest Linear/Input upstream along first inputs.
    int src = -1;
    int cur = id;
    for (int guard = 0; guard < 1000; ++guard) {
      const auto ins = spec.inputs_of(cur);
      if (ins.empty()) break;
      cur = ins[0];
      auto it = layer_of.find(cur);
      if (it != layer_of.end()) {
        src = it->second;
        break;
      }
    }
    add_layer(*n, static_cast<int>(n->params.out_features), src, n->name + ".weight");
  }
  return layers;
}

}  // namespace bp
