#include "ui/document/commands/paste_nodes.h"

#include <algorithm>
#include <map>

#include "ui/document/commands/add_node.h"
#include "ui/document/commands/connect_nodes.h"
#include "ui/document/project_document.h"

namespace bp::ui {

NetworkSpec copy_fragment(const NetworkSpec& net, const std::vector<int>& node_ids) {
  auto selected = [&](int id) {
    return std::find(node_ids.begin(), node_ids.end(), id) != node_ids.end();
  };
  NetworkSpec fragment;
  for (const auto& n : net.nodes)
    if (selected(n.id)) fragment.nodes.push_back(n);
  for (const auto& e : net.edges)
    if (selected(e.from) && selected(e.to)) fragment.edges.push_back(e);
  return fragment;
}

PasteNodes::PasteNodes(ProjectDocument* doc, const NetworkSpec& fragment, QPointF offset) {
  // Work on a copy so ids and names stay unique among the pasted nodes too.
  NetworkSpec work = doc->network();
  std::map<int, int> new_id;
  for (NodeSpec n : fragment.nodes) {
    const int old = n.id;
    n.id = work.next_node_id();
    bool clash = false;
    for (const auto& m : work.nodes) clash = clash || m.name == n.name;
    if (clash || n.name.empty()) n.name = work.unique_name(n.kind);
    n.x += offset.x();
    n.y += offset.y();
    work.nodes.push_back(n);
    new_id[old] = n.id;
    pasted_.push_back(n.id);
    new AddNode(doc, n, this);
  }
  for (EdgeSpec e : fragment.edges) {
    if (!new_id.count(e.from) || !new_id.count(e.to)) continue;
    e.id = work.next_edge_id();
    e.from = new_id[e.from];
    e.to = new_id[e.to];
    work.edges.push_back(e);
    new ConnectNodes(doc, e, this);
  }
  setText(QObject::tr("Paste %n node(s)", nullptr, static_cast<int>(pasted_.size())));
  if (pasted_.empty()) setObsolete(true);
}

}  // namespace bp::ui
