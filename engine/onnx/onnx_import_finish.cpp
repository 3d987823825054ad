#include "engine/onnx/onnx_import_finish.h"

#include <algorithm>
#include <set>

#include "engine/graph/layered_layout.h"

namespace bp::onnx_import {
namespace {

void remove_node(NetworkSpec& net, int id, std::map<std::string, std::vector<float>>& weights) {
  const NodeSpec* n = net.find(id);
  if (!n) return;
  const std::string prefix = n->name + ".";
  for (auto it = weights.begin(); it != weights.end();)
    it = it->first.rfind(prefix, 0) == 0 ? weights.erase(it) : std::next(it);
  std::erase_if(net.edges, [&](const EdgeSpec& e) { return e.from == id || e.to == id; });
  std::erase_if(net.nodes, [&](const NodeSpec& s) { return s.id == id; });
}

}  // namespace

void prune_unused(NetworkSpec& net, int output_node,
                  std::map<std::string, std::vector<float>>& weights) {
  std::set<int> keep;
  std::vector<int> todo{output_node};
  while (!todo.empty()) {
    const int id = todo.back();
    todo.pop_back();
    if (!keep.insert(id).second) continue;
    for (int p : net.inputs_of(id)) todo.push_back(p);
  }
  std::vector<int> drop;
  for (const auto& n : net.nodes)
    if (!keep.count(n.id) && n.kind != NodeKind::Input) drop.push_back(n.id);
  for (int id : drop) remove_node(net, id, weights);
}

int fuse_activations(NetworkSpec& net, int output_node) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const NodeSpec& a : net.nodes) {
      if (a.kind != NodeKind::Activation) continue;
      const auto producers = net.inputs_of(a.id);
      if (producers.size() != 1) continue;
      NodeSpec* linear = net.find(producers[0]);
      if (!linear || linear->kind != NodeKind::Linear ||
          linear->params.activation != Activation::Identity ||
          net.consumers_of(linear->id).size() != 1)
        continue;
      linear->params.activation = a.params.activation;
      linear->params.act = a.params.act;
      const int gone = a.id;
      for (EdgeSpec& e : net.edges)
        if (e.from == gone) e.from = linear->id;
      std::erase_if(net.edges, [&](const EdgeSpec& e) { return e.to == gone; });
      if (output_node == gone) output_node = linear->id;
      std::erase_if(net.nodes, [&](const NodeSpec& s) { return s.id == gone; });
      changed = true;
      break;
    }
  }
  return output_node;
}

void drop_unused_affine(NetworkSpec& net, const std::map<int, FoldState>& folds,
                        std::map<std::string, std::vector<float>>& weights) {
  for (NodeSpec& n : net.nodes) {
    if (n.kind != NodeKind::LayerNorm) continue;
    const auto it = folds.find(n.id);
    if (it == folds.end() || it->second.ln_affine_seen) continue;
    n.params.affine = false;
    weights.erase(n.name + ".weight");
    weights.erase(n.name + ".bias");
  }
}

void lay_out(NetworkSpec& net) {
  for (const auto& [id, xy] : layered_layout(net)) {
    NodeSpec* n = net.find(id);
    n->x = xy.first;
    n->y = xy.second;
  }
}

}  // namespace bp::onnx_import
