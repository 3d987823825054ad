#include "ui/document/commands/set_dataset_spec.h"

#include "ui/document/project_document.h"

namespace bp::ui {

SetDatasetSpec::SetDatasetSpec(ProjectDocument* doc, const DatasetSpec& after, const QString& text,
                               int merge_id)
    : doc_(doc), before_(doc->datasetSpec()), after_(after), merge_id_(merge_id) {
  setText(text);
}

void SetDatasetSpec::undo() {
  doc_->setDatasetSpec(before_);
}
void SetDatasetSpec::redo() {
  doc_->setDatasetSpec(after_);
}

bool SetDatasetSpec::mergeWith(const QUndoCommand* other) {
  if (other->id() != id() || id() < 0) return false;
  after_ = static_cast<const SetDatasetSpec*>(other)->after_;
  return true;
}

}  // namespace bp::ui
