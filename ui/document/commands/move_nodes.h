#pragma once
// Undoable: move nodes to new editor positions. Consecutive moves of the same set of nodes merge
// into one undo step (dragging a selection around in several gestures, nudging with arrows).
#include <QPointF>
#include <QUndoCommand>
#include <map>

#include "ui/document/commands/merge_id.h"

namespace bp::ui {

class ProjectDocument;

class MoveNodes : public QUndoCommand {
 public:
  // before / after: node id -> position (scene coordinates).
  MoveNodes(ProjectDocument* doc, std::map<int, QPointF> before, std::map<int, QPointF> after,
            QUndoCommand* parent = nullptr);
  void undo() override;
  void redo() override;
  int id() const override { return merge_id(merge_ ? MergeId::MoveNodes : MergeId::None); }
  bool mergeWith(const QUndoCommand* other) override;
  // Auto-layout uses the same mechanics but must not merge with a drag.
  void setMergeable(bool merge) { merge_ = merge; }

 private:
  void apply(const std::map<int, QPointF>& positions);
  ProjectDocument* doc_;
  std::map<int, QPointF> before_, after_;
  bool merge_ = true;
};

}  // namespace bp::ui
