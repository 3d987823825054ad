#pragma once
// Undoable: rename a node (its name prefixes its parameters: "fc1.weight"). Use
// RenameNode::validate() first: names must be non-empty identifiers and unique.
#include <QString>
#include <QUndoCommand>
#include <string>

namespace bp::ui {

class ProjectDocument;

class RenameNode : public QUndoCommand {
 public:
  RenameNode(ProjectDocument* doc, int node_id, const std::string& name,
             QUndoCommand* parent = nullptr);
  // Empty when `name` is acceptable for `node_id`, else why not.
  static QString validate(const ProjectDocument* doc, int node_id, const std::string& name);
  void undo() override;
  void redo() override;

 private:
  ProjectDocument* doc_;
  int node_id_;
  std::string before_, after_;
};

}  // namespace bp::ui
