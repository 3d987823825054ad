#pragma once
// Undoable: replace the whole network by another one (a quick-start template), with the
// training settings (trainer, loss) and, where the template needs one, the dataset it trains on.
#include <QString>
#include <QUndoCommand>

#include <optional>

#include "engine/graph/network_spec.h"
#include "engine/io/project.h"

namespace bp::ui {

class ProjectDocument;

class ApplyTemplate : public QUndoCommand {
 public:
  ApplyTemplate(ProjectDocument* doc, const NetworkSpec& network, const QString& name,
                std::optional<TrainConfig> training = std::nullopt,
                std::optional<DatasetSpec> dataset = std::nullopt);
  void undo() override;
  void redo() override;

 private:
  ProjectDocument* doc_;
  NetworkSpec before_, after_;
  TrainConfig training_before_;
  std::optional<TrainConfig> training_after_;
  DatasetSpec dataset_before_;
  std::optional<DatasetSpec> dataset_after_;
};

}  // namespace bp::ui
