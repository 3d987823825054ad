#include "ui/document/commands/add_node.h"

#include "engine/graph/names.h"
#include "ui/document/project_document.h"

namespace bp::ui {

AddNode::AddNode(ProjectDocument* doc, NodeSpec node, QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc), node_(std::move(node)) {
  if (node_.id <= 0) node_.id = doc->network().next_node_id();
  if (node_.name.empty()) node_.name = doc->network().unique_name(node_.kind);
  setText(QObject::tr("Add %1").arg(QString::fromStdString(to_string(node_.kind))));
}

void AddNode::redo() {
  doc_->insertNode(node_);
}
void AddNode::undo() {
  doc_->removeNode(node_.id);
}

}  // namespace bp::ui
