#include "ui/document/commands/remove_nodes.h"

#include <algorithm>

#include "ui/document/project_document.h"

namespace bp::ui {

RemoveNodes::RemoveNodes(ProjectDocument* doc, const std::vector<int>& node_ids,
                         QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc) {
  const NetworkSpec& net = doc->network();
  auto selected = [&](int id) {
    return std::find(node_ids.begin(), node_ids.end(), id) != node_ids.end();
  };
  for (size_t i = 0; i < net.nodes.size(); ++i)
    if (selected(net.nodes[i].id)) nodes_.emplace_back(static_cast<int>(i), net.nodes[i]);
  for (size_t i = 0; i < net.edges.size(); ++i)
    if (selected(net.edges[i].from) || selected(net.edges[i].to))
      edges_.emplace_back(static_cast<int>(i), net.edges[i]);
  setText(nodes_.size() == 1
              ? QObject::tr("Delete %1").arg(QString::fromStdString(nodes_.front().second.name))
              : QObject::tr("Delete %n node(s)", nullptr, static_cast<int>(nodes_.size())));
}

void RemoveNodes::redo() {
  // Highest index first so the remaining indices stay valid (not needed for id-based removal,
  // but it keeps the signal order the mirror image of undo()).
  for (auto it = edges_.rbegin(); it != edges_.rend(); ++it) doc_->removeEdge(it->second.id);
  for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it) doc_->removeNode(it->second.id);
}

void RemoveNodes::undo() {
  // Ascending indices: each insertion lands exactly where the element was.
  for (const auto& [index, node] : nodes_) doc_->insertNode(node, index);
  for (const auto& [index, edge] : edges_) doc_->insertEdge(edge, index);
}

}  // namespace bp::ui
