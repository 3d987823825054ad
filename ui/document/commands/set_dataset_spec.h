#pragma once
// Undoable change of the dataset specification (source, toy kind, noise, samples, split, ...).
// Consecutive changes with the same non-negative merge id (a slider scrub, typing in a spin box)
// merge into one undo step.
#include <QUndoCommand>

#include "engine/data/dataset_spec.h"

namespace bp::ui {

class ProjectDocument;

class SetDatasetSpec : public QUndoCommand {
 public:
  SetDatasetSpec(ProjectDocument* doc, const DatasetSpec& after, const QString& text,
                 int merge_id = -1);
  void undo() override;
  void redo() override;
  int id() const override { return merge_id_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument* doc_;
  DatasetSpec before_, after_;
  int merge_id_;
};

}  // namespace bp::ui
