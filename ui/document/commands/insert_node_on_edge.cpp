#include "ui/document/commands/insert_node_on_edge.h"

#include "engine/graph/names.h"
#include "ui/document/commands/add_node.h"
#include "ui/document/commands/connect_nodes.h"
#include "ui/document/commands/disconnect_edge.h"
#include "ui/document/project_document.h"

namespace bp::ui {

QString InsertNodeOnEdge::refusal(const ProjectDocument* doc, int edge_id, NodeKind kind) {
  if (!doc->network().find_edge(edge_id)) return QObject::tr("That connection no longer exists.");
  if (kind == NodeKind::Input)
    return QObject::tr("An Input node cannot be inserted into a connection: it has no inputs.");
  return {};
}

InsertNodeOnEdge::InsertNodeOnEdge(ProjectDocument* doc, int edge_id, NodeSpec node) {
  const NetworkSpec& net = doc->network();
  const EdgeSpec* edge = net.find_edge(edge_id);
  if (!edge) {
    setObsolete(true);
    return;
  }
  const EdgeSpec old = *edge;
  if (node.id <= 0) node.id = net.next_node_id();
  if (node.name.empty()) node.name = net.unique_name(node.kind);
  node_id_ = node.id;
  setText(QObject::tr("Insert %1").arg(QString::fromStdString(to_string(node.kind))));
  const int first_edge = net.next_edge_id();
  // Children run in order on redo and in reverse on undo.
  new AddNode(doc, node, this);
  new DisconnectEdge(doc, old.id, this);
  new ConnectNodes(doc, EdgeSpec{first_edge, old.from, node.id, 0}, this);
  new ConnectNodes(doc, EdgeSpec{first_edge + 1, node.id, old.to, old.to_port}, this);
}

}  // namespace bp::ui
