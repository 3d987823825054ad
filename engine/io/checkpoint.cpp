#include "engine/io/checkpoint.h"

#include "engine/io/project.h"

namespace bp {

bool same_structure(const NetworkSpec& a, const NetworkSpec& b, bool ignore_names) {
  if (a.nodes.size() != b.nodes.size() || a.edges != b.edges) return false;
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    const NodeSpec& x = a.nodes[i];
    const NodeSpec& y = b.nodes[i];
    if (x.id != y.id || x.kind != y.kind || !(x.params == y.params)) return false;
    if (!ignore_names && x.name != y.name) return false;
  }
  return true;
}

void rename_checkpoint(const NetworkSpec& from, const NetworkSpec& to, WeightMap& weights,
                       std::optional<TrainState>& state) {
  std::map<std::string, std::string> renamed;  // old layer name -> new layer name
  for (const NodeSpec& old_node : from.nodes)
    if (const NodeSpec* now = to.find(old_node.id); now && now->name != old_node.name)
      renamed[old_node.name] = now->name;
  if (renamed.empty()) return;
  auto new_name = [&](const std::string& param) {
    const auto dot = param.find('.');
    if (dot == std::string::npos) return param;
    auto it = renamed.find(param.substr(0, dot));
    return it == renamed.end() ? param : it->second + param.substr(dot);
  };
  WeightMap out;
  for (auto& [name, values] : weights) out[new_name(name)] = std::move(values);
  weights = std::move(out);
  if (state && state->optimizer)
    for (StateParam& p : state->optimizer->layout) p.name = new_name(p.name);
}

bool checkpoint_fits(const NetworkSpec& network, const WeightMap& weights) {
  const auto shapes = parameter_shapes(network);
  if (shapes.empty() || shapes.size() != weights.size()) return false;
  for (const auto& [name, shape] : shapes) {
    auto it = weights.find(name);
    if (it == weights.end() || static_cast<int64_t>(it->second.size()) != shape.numel())
      return false;
  }
  return true;
}

}  // namespace bp
