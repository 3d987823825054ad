#pragma once
// Undoable: arrange the network top-down in layers (each node one row below its deepest
// producer, rows centred). A MoveNodes that never merges with a drag.
#include <QPointF>
#include <map>

#include "engine/graph/layered_layout.h"
#include "engine/graph/network_spec.h"
#include "ui/document/commands/move_nodes.h"

namespace bp::ui {

class AutoLayout : public MoveNodes {
 public:
  static constexpr double kRowSpacing = kLayoutRowSpacing;
  static constexpr double kColumnSpacing = kLayoutColumnSpacing;

  explicit AutoLayout(ProjectDocument* doc);
  // node id -> new position; nodes in a cycle keep a row after the others.
  static std::map<int, QPointF> compute(const NetworkSpec& net);
};

}  // namespace bp::ui
