#pragma once
// Undoable: one parameter edited on several nodes at once (the inspector with several layers of
// one kind selected: units, activation or initializer changed once for all). One undo step;
// consecutive edits of the same nodes with the same non-negative merge id merge (a scrubbed spin
// box).
#include <QUndoCommand>
#include <vector>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class SetManyNodeParams : public QUndoCommand {
 public:
  struct Change {
    int node_id = -1;
    LayerParams after;
  };
  SetManyNodeParams(ProjectDocument* doc, const std::vector<Change>& changes, const QString& text,
                    int merge_id = -1);
  void undo() override;
  void redo() override;
  int id() const override { return merge_id_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument* doc_;
  std::vector<int> ids_;
  std::vector<LayerParams> before_, after_;
  int merge_id_;
};

}  // namespace bp::ui
