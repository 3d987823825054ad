#pragma once
// Undoable: remove nodes together with every edge touching them. Undo puts nodes and edges back
// at their original positions in the spec, so the NetworkSpec compares equal to the one before.
#include <QUndoCommand>
#include <utility>
#include <vector>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class RemoveNodes : public QUndoCommand {
 public:
  RemoveNodes(ProjectDocument* doc, const std::vector<int>& node_ids,
              QUndoCommand* parent = nullptr);
  void undo() override;
  void redo() override;

 private:
  ProjectDocument* doc_;
  std::vector<std::pair<int, NodeSpec>> nodes_;  // (index in spec.nodes, node), ascending
  std::vector<std::pair<int, EdgeSpec>> edges_;  // (index in spec.edges, edge), ascending
};

}  // namespace bp::ui
