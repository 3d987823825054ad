#include "ui/document/commands/connect_nodes.h"

#include <algorithm>

#include "engine/graph/shape_inference.h"
#include "ui/document/project_document.h"

namespace bp::ui {

int next_free_port(const NetworkSpec& net, int node_id) {
  int port = 0;
  for (const auto& e : net.edges)
    if (e.to == node_id) port = std::max(port, e.to_port + 1);
  return port;
}

ConnectNodes::ConnectNodes(ProjectDocument* doc, const EdgeSpec& edge, QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc), edge_(edge) {
  if (edge_.id <= 0) edge_.id = doc->network().next_edge_id();
  const NodeSpec* a = doc->network().find(edge_.from);
  const NodeSpec* b = doc->network().find(edge_.to);
  setText(QObject::tr("Connect %1 → %2")
              .arg(QString::fromStdString(a ? a->name : "?"),
                   QString::fromStdString(b ? b->name : "?")));
}

std::unique_ptr<ConnectNodes> ConnectNodes::create(ProjectDocument* doc, int from, int to,
                                                   QString* reason) {
  const NetworkSpec& net = doc->network();
  if (!net.find(from) || !net.find(to)) {
    if (reason) *reason = QObject::tr("Both ends of a connection must be existing nodes.");
    return nullptr;
  }
  if (auto why = check_connection(net, from, to)) {
    if (reason) *reason = QString::fromStdString(*why);
    return nullptr;
  }
  EdgeSpec edge{net.next_edge_id(), from, to, next_free_port(net, to)};
  return std::make_unique<ConnectNodes>(doc, edge);
}

void ConnectNodes::redo() {
  doc_->insertEdge(edge_);
}
void ConnectNodes::undo() {
  doc_->removeEdge(edge_.id);
}

}  // namespace bp::ui
