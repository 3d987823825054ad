#include "ui/document/commands/rename_node.h"

#include <cctype>

#include "ui/document/project_document.h"

namespace bp::ui {

RenameNode::RenameNode(ProjectDocument* doc, int node_id, const std::string& name,
                       QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc), node_id_(node_id), after_(name) {
  if (const NodeSpec* n = doc->network().find(node_id))
    before_ = n->name;
  else
    setObsolete(true);
  setText(QObject::tr("Rename %1 to %2")
              .arg(QString::fromStdString(before_), QString::fromStdString(after_)));
}

QString RenameNode::validate(const ProjectDocument* doc, int node_id, const std::string& name) {
  if (name.empty()) return QObject::tr("A name cannot be empty.");
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '_')
      return QObject::tr(
                 "Use letters, digits and '_' only: the name prefixes parameter names "
                 "such as \"%1.weight\".")
          .arg(QString::fromStdString(name));
  }
  for (const auto& n : doc->network().nodes)
    if (n.id != node_id && n.name == name)
      return QObject::tr("Another node is already called \"%1\".")
          .arg(QString::fromStdString(name));
  return {};
}

void RenameNode::redo() {
  doc_->setNodeName(node_id_, after_);
}
void RenameNode::undo() {
  doc_->setNodeName(node_id_, before_);
}

}  // namespace bp::ui
