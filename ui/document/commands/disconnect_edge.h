#pragma once
// Undoable: remove one edge; undo puts it back at its original position in the spec.
#include <QUndoCommand>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class DisconnectEdge : public QUndoCommand {
 public:
  DisconnectEdge(ProjectDocument* doc, int edge_id, QUndoCommand* parent = nullptr);
  void undo() override;
  void redo() override;

 private:
  ProjectDocument* doc_;
  EdgeSpec edge_;
  int index_ = -1;
};

}  // namespace bp::ui
