#include "engine/graph/layered_layout.h"

#include <algorithm>
#include <vector>

namespace bp {

std::map<int, std::pair<double, double>> layered_layout(const NetworkSpec& net) {
  std::map<int, int> row;
  std::vector<int> order = net.topological_order();
  if (order.size() != net.nodes.size()) {  // a cycle: fall back to the spec's order
    order.clear();
    for (const auto& n : net.nodes) order.push_back(n.id);
  }
  int rows = 0;
  for (int id : order) {
    int r = 0;
    for (int producer : net.inputs_of(id))
      if (row.count(producer)) r = std::max(r, row[producer] + 1);
    row[id] = r;
    rows = std::max(rows, r + 1);
  }
  std::vector<std::vector<int>> by_row(static_cast<size_t>(rows));
  for (int id : order) by_row[static_cast<size_t>(row[id])].push_back(id);
  std::map<int, std::pair<double, double>> out;
  for (size_t r = 0; r < by_row.size(); ++r) {
    auto& ids = by_row[r];
    std::stable_sort(ids.begin(), ids.end(),
                     [&](int a, int b) { return net.find(a)->x < net.find(b)->x; });
    const double width = static_cast<double>(ids.size() - 1) * kLayoutColumnSpacing;
    for (size_t i = 0; i < ids.size(); ++i)
      out[ids[i]] = {-width / 2.0 + static_cast<double>(i) * kLayoutColumnSpacing,
                     static_cast<double>(r) * kLayoutRowSpacing};
  }
  return out;
}

}  // namespace bp
