#pragma once
// Undoable: replace the whole network by another one (a quick-start template).
#include <QString>
#include <QUndoCommand>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class ApplyTemplate : public QUndoCommand {
 public:
  ApplyTemplate(ProjectDocument* doc, const NetworkSpec& network, const QString& name);
  void undo() override;
  void redo() override;

 private:
  ProjectDocument* doc_;
  NetworkSpec before_, after_;
};

}  // namespace bp::ui
