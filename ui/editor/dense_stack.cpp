#include "ui/editor/dense_stack.h"

#include <algorithm>
#include <regex>
#include <string>

#include "ui/document/commands/auto_layout.h"

namespace bp::ui {
namespace {

NetworkSpec laid_out(NetworkSpec net) {
  for (const auto& [id, p] : AutoLayout::compute(net)) {
    NodeSpec* n = net.find(id);
    n->x = p.x();
    n->y = p.y();
  }
  return net;
}

// Layers named fc1, fc2, ... (as the examples and templates name them) keep that scheme in chain
// order after an edit; other names stay as they are.
void renumber_fc(NetworkSpec& net, const DenseChain& chain) {
  static const std::regex fc("fc[0-9]+");
  std::vector<int> layers = chain.hidden;
  layers.push_back(chain.output);
  for (int id : layers)
    if (!std::regex_match(net.find(id)->name, fc)) return;
  for (size_t i = 0; i < layers.size(); ++i)
    net.find(layers[i])->name = "fc" + std::to_string(i + 1);
}

}  // namespace

std::optional<DenseChain> dense_chain(const NetworkSpec& net) {
  std::vector<Diagnostic> ignored;
  const auto input = net.input_node(&ignored);
  if (!input || net.nodes.size() < 2 || net.edges.size() + 1 != net.nodes.size())
    return std::nullopt;
  DenseChain chain;
  chain.input = *input;
  int at = *input;
  for (size_t k = 1; k < net.nodes.size(); ++k) {
    const std::vector<int> next = net.consumers_of(at);
    if (next.size() != 1) return std::nullopt;
    const NodeSpec* n = net.find(next.front());
    if (!n || n->kind != NodeKind::Linear || net.inputs_of(n->id).size() != 1) return std::nullopt;
    chain.hidden.push_back(n->id);
    at = n->id;
  }
  if (!net.consumers_of(at).empty()) return std::nullopt;
  chain.output = chain.hidden.back();
  chain.hidden.pop_back();
  return chain;
}

NetworkSpec add_hidden_layer(const NetworkSpec& net) {
  const auto chain = dense_chain(net);
  if (!chain || static_cast<int>(chain->hidden.size()) >= kMaxHiddenLayers) return net;
  NetworkSpec out = net;
  NodeSpec layer;
  layer.kind = NodeKind::Linear;
  layer.params.out_features = 4;
  layer.params.activation = Activation::Tanh;
  if (!chain->hidden.empty()) layer.params = net.find(chain->hidden.back())->params;
  layer.id = out.next_node_id();
  layer.name = out.unique_name(NodeKind::Linear);
  const int before = chain->hidden.empty() ? chain->input : chain->hidden.back();
  // The edge into the output layer now comes from the new layer.
  for (EdgeSpec& e : out.edges)
    if (e.from == before && e.to == chain->output) e.from = layer.id;
  out.edges.push_back({out.next_edge_id(), before, layer.id, 0});
  out.nodes.push_back(layer);
  DenseChain grown = *chain;
  grown.hidden.push_back(layer.id);
  renumber_fc(out, grown);
  return laid_out(out);
}

NetworkSpec remove_hidden_layer(const NetworkSpec& net) {
  const auto chain = dense_chain(net);
  if (!chain || chain->hidden.empty()) return net;
  NetworkSpec out = net;
  const int gone = chain->hidden.back();
  const int before =
      chain->hidden.size() > 1 ? chain->hidden[chain->hidden.size() - 2] : chain->input;
  std::erase_if(out.edges, [&](const EdgeSpec& e) { return e.to == gone; });
  for (EdgeSpec& e : out.edges)
    if (e.from == gone) e.from = before;
  std::erase_if(out.nodes, [&](const NodeSpec& n) { return n.id == gone; });
  DenseChain shrunk = *chain;
  shrunk.hidden.pop_back();
  renumber_fc(out, shrunk);
  return laid_out(out);
}

NetworkSpec with_units(const NetworkSpec& net, int node_id, int64_t units) {
  NetworkSpec out = net;
  if (NodeSpec* n = out.find(node_id); n && n->kind == NodeKind::Linear)
    n->params.out_features = std::clamp<int64_t>(units, 1, kMaxDenseUnits);
  return out;
}

NetworkSpec with_hidden_activation(const NetworkSpec& net, Activation f) {
  const auto chain = dense_chain(net);
  if (!chain) return net;
  NetworkSpec out = net;
  for (int id : chain->hidden) out.find(id)->params.activation = f;
  return out;
}

std::optional<Activation> hidden_activation(const NetworkSpec& net) {
  const auto chain = dense_chain(net);
  if (!chain || chain->hidden.empty()) return std::nullopt;
  const Activation f = net.find(chain->hidden.front())->params.activation;
  for (int id : chain->hidden)
    if (net.find(id)->params.activation != f) return std::nullopt;
  return f;
}

}  // namespace bp::ui
