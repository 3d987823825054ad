#pragma once
// Undoable: add one node to the network. A node id of 0 gets the next free id, an empty name a
// unique default ("fc3"). Undo removes it again (it has no edges of its own at that point).
#include <QUndoCommand>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class AddNode : public QUndoCommand {
 public:
  AddNode(ProjectDocument* doc, NodeSpec node, QUndoCommand* parent = nullptr);
  void undo() override;
  void redo() override;
  int nodeId() const { return node_.id; }

 private:
  ProjectDocument* doc_;
  NodeSpec node_;
};

}  // namespace bp::ui
