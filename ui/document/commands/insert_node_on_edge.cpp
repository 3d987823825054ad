#include "ui/document/commands/insert_node_on_edge.h"

#include <QPointF>
#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "engine/graph/names.h"
#include "ui/document/commands/add_node.h"
#include "ui/document/commands/auto_layout.h"
#include "ui/document/commands/connect_nodes.h"
#include "ui/document/commands/disconnect_edge.h"
#include "ui/document/commands/move_nodes.h"
#include "ui/document/commands/rename_node.h"
#include "ui/document/project_document.h"

namespace bp::ui {
namespace {

// A node card's extent on the canvas (NodeItem: 204 x 68) with a little air.
constexpr double kCardWidth = 214.0;
constexpr double kCardHeight = 78.0;

bool overlaps(const NodeSpec& a, double x, double y) {
  return std::fabs(a.x - x) < kCardWidth && std::fabs(a.y - y) < kCardHeight;
}

// Where the node goes and who moves: in a top-down chain (b below a) the new node takes the
// row under a and everything below a moves down a row when it would overlap; elsewhere it stays
// at the drop point.
void make_room(const NetworkSpec& net, const EdgeSpec& edge, NodeSpec& node,
               std::map<int, QPointF>& before, std::map<int, QPointF>& after) {
  const NodeSpec* a = net.find(edge.from);
  const NodeSpec* b = net.find(edge.to);
  if (!a || !b || b->y <= a->y) return;
  bool crowded = false;
  for (const NodeSpec& m : net.nodes) crowded = crowded || overlaps(m, node.x, node.y);
  if (!crowded && b->y - a->y >= 2 * AutoLayout::kRowSpacing) return;
  node.x = a->x;
  node.y = a->y + AutoLayout::kRowSpacing;
  const double shift = std::max(0.0, node.y + AutoLayout::kRowSpacing - b->y);
  if (shift <= 0.0) return;
  for (const NodeSpec& m : net.nodes)
    if (m.y > a->y + 1.0) {
      before[m.id] = QPointF(m.x, m.y);
      after[m.id] = QPointF(m.x, m.y + shift);
    }
}

// When every node of the new node's kind is named <prefix><number> (fc1, fc2, ...), the names
// follow the chain after the insertion: renames (node id -> name) that number them in
// topological order, the new node included. Empty otherwise.
std::vector<std::pair<int, std::string>> chain_names(const NetworkSpec& net, const NodeSpec& node) {
  static const std::regex numbered("([A-Za-z_]+)([0-9]+)");
  std::string prefix;
  for (const NodeSpec& m : net.nodes) {
    if (m.kind != node.kind || m.id == node.id) continue;
    std::smatch match;
    if (!std::regex_match(m.name, match, numbered)) return {};
    if (!prefix.empty() && match[1].str() != prefix) return {};
    prefix = match[1].str();
  }
  if (prefix.empty()) return {};
  std::vector<std::pair<int, std::string>> renames;
  int k = 0;
  for (int id : net.topological_order()) {
    const NodeSpec* m = net.find(id);
    if (!m || m->kind != node.kind) continue;
    const std::string name = prefix + std::to_string(++k);
    if (m->name != name) renames.push_back({id, name});
  }
  return renames;
}

}  // namespace

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
  // The new node does not land on its neighbours.
  std::map<int, QPointF> before, after;
  make_room(net, old, node, before, after);
  // The network as it will be, for the names that follow the chain.
  NetworkSpec result = net;
  result.nodes.push_back(node);
  std::erase_if(result.edges, [&](const EdgeSpec& e) { return e.id == old.id; });
  result.edges.push_back({first_edge, old.from, node.id, 0});
  result.edges.push_back({first_edge + 1, node.id, old.to, old.to_port});
  auto renames = chain_names(result, node);
  // Children run in order on redo and in reverse on undo.
  if (!after.empty()) new MoveNodes(doc, before, after, this);
  new AddNode(doc, node, this);
  new DisconnectEdge(doc, old.id, this);
  new ConnectNodes(doc, EdgeSpec{first_edge, old.from, node.id, 0}, this);
  new ConnectNodes(doc, EdgeSpec{first_edge + 1, node.id, old.to, old.to_port}, this);
  // Last in the chain first, so that no two nodes share a name on the way (fc3 -> fc4, then
  // fc2 -> fc3, then the new node -> fc2).
  std::reverse(renames.begin(), renames.end());
  for (const auto& [id, name] : renames) new RenameNode(doc, id, name, this);
}

}  // namespace bp::ui
