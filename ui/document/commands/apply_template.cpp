#include "ui/document/commands/apply_template.h"

#include <utility>

#include "ui/document/project_document.h"

namespace bp::ui {

ApplyTemplate::ApplyTemplate(ProjectDocument* doc, const NetworkSpec& network, const QString& name,
                             std::optional<TrainConfig> training,
                             std::optional<DatasetSpec> dataset)
    : doc_(doc),
      before_(doc->network()),
      after_(network),
      training_before_(doc->trainConfig()),
      training_after_(training),
      dataset_before_(doc->datasetSpec()),
      dataset_after_(std::move(dataset)) {
  setText(QObject::tr("Apply template \"%1\"").arg(name));
}

void ApplyTemplate::redo() {
  doc_->replaceNetwork(after_);
  if (training_after_ && !(*training_after_ == doc_->trainConfig()))
    doc_->setTrainConfig(*training_after_);
  if (dataset_after_ && !(*dataset_after_ == doc_->datasetSpec()))
    doc_->setDatasetSpec(*dataset_after_);
}

void ApplyTemplate::undo() {
  if (dataset_after_ && !(dataset_before_ == doc_->datasetSpec()))
    doc_->setDatasetSpec(dataset_before_);
  if (training_after_ && !(training_before_ == doc_->trainConfig()))
    doc_->setTrainConfig(training_before_);
  doc_->replaceNetwork(before_);
}

}  // namespace bp::ui
