#include "engine/graph/network_spec.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/graph/names.h"

namespace bp {

const NodeSpec* NetworkSpec::find(int node_id) const {
  for (const auto& n : nodes)
    if (n.id == node_id) return &n;
  return nullptr;
}

NodeSpec* NetworkSpec::find(int node_id) {
  for (auto& n : nodes)
    if (n.id == node_id) return &n;
  return nullptr;
}

const EdgeSpec* NetworkSpec::find_edge(int edge_id) const {
  for (const auto& e : edges)
    if (e.id == edge_id) return &e;
  return nullptr;
}

std::vector<int> NetworkSpec::inputs_of(int node_id) const {
  std::vector<const EdgeSpec*> in;
  for (const auto& e : edges)
    if (e.to == node_id) in.push_back(&e);
  std::stable_sort(in.begin(), in.end(),
                   [](const EdgeSpec* a, const EdgeSpec* b) { return a->to_port < b->to_port; });
  std::vector<int> ids;
  for (const auto* e : in) ids.push_back(e->from);
  return ids;
}

std::vector<int> NetworkSpec::consumers_of(int node_id) const {
  std::vector<int> ids;
  for (const auto& e : edges)
    if (e.from == node_id) ids.push_back(e.to);
  return ids;
}

int NetworkSpec::next_node_id() const {
  int m = 0;
  for (const auto& n : nodes) m = std::max(m, n.id);
  return m + 1;
}

int NetworkSpec::next_edge_id() const {
  int m = 0;
  for (const auto& e : edges) m = std::max(m, e.id);
  return m + 1;
}

std::string NetworkSpec::unique_name(NodeKind kind) const {
  std::string base = default_name_prefix(kind);
  std::set<std::string> used;
  for (const auto& n : nodes) used.insert(n.name);
  for (int i = 1;; ++i) {
    std::string candidate = base + std::to_string(i);
    if (!used.count(candidate)) return candidate;
  }
}

std::vector<int> NetworkSpec::topological_order(std::vector<Diagnostic>* diagnostics) const {
  std::map<int, int> indegree;
  for (const auto& n : nodes) indegree[n.id] = 0;
  for (const auto& e : edges)
    if (indegree.count(e.to) && indegree.count(e.from)) ++indegree[e.to];
  // Kahn's algorithm, ready nodes in order of appearance for a stable result.
  std::vector<int> order;
  std::vector<int> ready;
  for (const auto& n : nodes)
    if (indegree[n.id] == 0) ready.push_back(n.id);
  while (!ready.empty()) {
    int id = ready.front();
    ready.erase(ready.begin());
    order.push_back(id);
    for (const auto& e : edges) {
      if (e.from != id || !indegree.count(e.to)) continue;
      if (--indegree[e.to] == 0) ready.push_back(e.to);
    }
  }
  if (order.size() != nodes.size()) {
    if (diagnostics) {
      for (const auto& n : nodes)
        if (indegree[n.id] > 0) {
          diagnostics->push_back(
              {n.id, "'" + n.name + "' is part of a cycle; a network must be acyclic"});
          break;
        }
    }
    return {};
  }
  return order;
}

std::optional<int> NetworkSpec::input_node(std::vector<Diagnostic>* diagnostics) const {
  std::optional<int> found;
  for (const auto& n : nodes) {
    if (n.kind != NodeKind::Input) continue;
    if (found) {
      if (diagnostics) diagnostics->push_back({n.id, "only one Input node is supported"});
      return std::nullopt;
    }
    found = n.id;
  }
  if (!found && diagnostics) diagnostics->push_back({-1, "the network has no Input node"});
  return found;
}

std::optional<int> NetworkSpec::output_node(std::vector<Diagnostic>* diagnostics) const {
  std::vector<int> sinks;
  for (const auto& n : nodes)
    if (consumers_of(n.id).empty()) sinks.push_back(n.id);
  if (sinks.size() == 1) return sinks.front();
  if (diagnostics) {
    if (sinks.empty()) {
      diagnostics->push_back({-1, "the network has no output (every node feeds another)"});
    } else {
      for (size_t i = 1; i < sinks.size(); ++i) {
        const NodeSpec* n = find(sinks[i]);
        diagnostics->push_back(
            {sinks[i], "'" + (n ? n->name : std::string("?")) +
                           "' is not connected to anything: the network must end in exactly one "
                           "output node (connect it or delete it)"});
      }
    }
  }
  return std::nullopt;
}

NetworkSpec make_sequential(const Shape& input_shape, const std::vector<NodeSpec>& layers) {
  NetworkSpec spec;
  NodeSpec input;
  input.id = 1;
  input.kind = NodeKind::Input;
  input.name = "input";
  input.params.input_shape = input_shape;
  spec.nodes.push_back(input);
  int prev = input.id;
  double y = 0.0;
  for (const auto& layer : layers) {
    NodeSpec n = layer;
    n.id = spec.next_node_id();
    if (n.name.empty()) n.name = spec.unique_name(n.kind);
    y += 90.0;
    n.x = 0.0;
    n.y = y;
    spec.nodes.push_back(n);
    spec.edges.push_back({spec.next_edge_id(), prev, n.id, 0});
    prev = n.id;
  }
  return spec;
}

}  // namespace bp
