#pragma once
// Undoable change of the training configuration (loss, optimizer, schedule, batch size, ...).
// Consecutive changes with the same non-negative merge id (a slider scrub, typing in a spin box)
// merge into one undo step.
#include <QUndoCommand>

#include "engine/train/train_config.h"

namespace bp::ui {

class ProjectDocument;

class SetTrainConfig : public QUndoCommand {
 public:
  SetTrainConfig(ProjectDocument* doc, const TrainConfig& after, const QString& text,
                 int merge_id = -1);
  void undo() override;
  void redo() override;
  int id() const override { return merge_id_; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  ProjectDocument* doc_;
  TrainConfig before_, after_;
  int merge_id_;
};

}  // namespace bp::ui
