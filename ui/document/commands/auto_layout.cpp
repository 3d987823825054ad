#include "ui/document/commands/auto_layout.h"

#include "engine/graph/layered_layout.h"

#include <algorithm>
#include <vector>

#include "ui/document/project_document.h"

namespace bp::ui {
namespace {

std::map<int, QPointF> current_positions(const NetworkSpec& net) {
  std::map<int, QPointF> p;
  for (const auto& n : net.nodes) p[n.id] = QPointF(n.x, n.y);
  return p;
}

}  // namespace

std::map<int, QPointF> AutoLayout::compute(const NetworkSpec& net) {
  std::map<int, QPointF> out;
  for (const auto& [id, xy] : layered_layout(net)) out[id] = QPointF(xy.first, xy.second);
  return out;
}

AutoLayout::AutoLayout(ProjectDocument* doc)
    : MoveNodes(doc, current_positions(doc->network()), compute(doc->network())) {
  setMergeable(false);
  setText(QObject::tr("Auto-layout"));
}

}  // namespace bp::ui
