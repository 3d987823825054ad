#pragma once
// Undoable: change one node's LayerParams. Consecutive changes of the same node with the same
// non-negative merge id (a spin box being scrubbed, a slider dragged) merge into one undo step.
#include <QUndoCommand>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class SetNodeParams : public QUndoCommand {
 public:
  SetNodeParams(ProjectDocument* doc, int node_id, const LayerParams& after, const QString& text,
                int merge_id = -1, QUndoCommand* parent = nullptr);
  void undo() override;
  void redo() override;
  int id() const override { return merge_id_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument* doc_;
  int node_id_;
  LayerParams before_, after_;
  int merge_id_;
};

}  // namespace bp::ui
