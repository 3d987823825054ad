#include "ui/document/commands/set_train_config.h"

#include "ui/document/project_document.h"

namespace bp::ui {

SetTrainConfig::SetTrainConfig(ProjectDocument* doc, const TrainConfig& after, const QString& text,
                               int merge_id)
    : doc_(doc), before_(doc->trainConfig()), after_(after), merge_id_(merge_id) {
  setText(text);
}

void SetTrainConfig::undo() {
  doc_->setTrainConfig(before_);
}
void SetTrainConfig::redo() {
  doc_->setTrainConfig(after_);
}

bool SetTrainConfig::mergeWith(const QUndoCommand* other) {
  if (other->id() != id() || id() < 0) return false;
  after_ = static_cast<const SetTrainConfig*>(other)->after_;
  return true;
}

}  // namespace bp::ui
