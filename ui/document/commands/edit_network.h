#pragma once
// Undoable: the network replaced by an edited copy of itself (the dense builder's +/- buttons
// and its one-activation-for-all-hidden-layers choice), with the command's own text.
#include <QString>
#include <QUndoCommand>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class EditNetwork : public QUndoCommand {
 public:
  EditNetwork(ProjectDocument* doc, const NetworkSpec& after, const QString& text);
  void undo() override;
  void redo() override;

 private:
  ProjectDocument* doc_;
  NetworkSpec before_, after_;
};

}  // namespace bp::ui
