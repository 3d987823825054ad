#include "ui/editor/build_hint.h"

#include <QRegularExpression>
#include <algorithm>

namespace bp::ui {
namespace {

bool names_node(const QString& message, const std::string& name) {
  if (name.empty()) return false;
  const QRegularExpression word("\\b" + QRegularExpression::escape(QString::fromStdString(name)) +
                                "\\b");
  return word.match(message).hasMatch();
}

// The node with the most output values per sample (the widest layer).
int widest_node(const NetworkSpec& network, const ShapeReport& shapes) {
  int best = -1;
  int64_t most = -1;
  for (const NodeSpec& n : network.nodes) {
    const auto it = shapes.nodes.find(n.id);
    if (it == shapes.nodes.end() || !it->second.output) continue;
    if (it->second.output->numel() > most) {
      most = it->second.output->numel();
      best = n.id;
    }
  }
  return best;
}

// The last node that feeds nothing (the network's output).
int output_node(const NetworkSpec& network) {
  for (auto it = network.nodes.rbegin(); it != network.nodes.rend(); ++it) {
    const bool feeds = std::any_of(network.edges.begin(), network.edges.end(),
                                   [&](const EdgeSpec& e) { return e.from == it->id; });
    if (!feeds) return it->id;
  }
  return network.nodes.empty() ? -1 : network.nodes.back().id;
}

}  // namespace

int build_hint_node(const NetworkSpec& network, const ShapeReport& shapes, const QString& message) {
  if (network.nodes.empty()) return -1;
  // A node the message names, the longest name first ("linear10" before "linear1").
  std::vector<const NodeSpec*> by_length;
  for (const NodeSpec& n : network.nodes) by_length.push_back(&n);
  std::stable_sort(by_length.begin(), by_length.end(), [](const NodeSpec* a, const NodeSpec* b) {
    return a->name.size() > b->name.size();
  });
  for (const NodeSpec* n : by_length)
    if (names_node(message, n->name)) return n->id;
  if (message.contains("memory", Qt::CaseInsensitive)) {
    if (const int id = widest_node(network, shapes); id >= 0) return id;
  }
  if (message.contains("dataset", Qt::CaseInsensitive) ||
      message.contains("features", Qt::CaseInsensitive) ||
      message.contains("input", Qt::CaseInsensitive))
    for (const NodeSpec& n : network.nodes)
      if (n.kind == NodeKind::Input) return n.id;
  return output_node(network);
}

}  // namespace bp::ui
