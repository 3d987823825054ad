#include "ui/document/commands/move_nodes.h"

#include "ui/document/project_document.h"

namespace bp::ui {

MoveNodes::MoveNodes(ProjectDocument* doc, std::map<int, QPointF> before,
                     std::map<int, QPointF> after, QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc), before_(std::move(before)), after_(std::move(after)) {
  setText(after_.size() == 1
              ? QObject::tr("Move node")
              : QObject::tr("Move %n node(s)", nullptr, static_cast<int>(after_.size())));
}

void MoveNodes::apply(const std::map<int, QPointF>& positions) {
  for (const auto& [id, p] : positions) doc_->setNodePosition(id, p.x(), p.y());
}

void MoveNodes::redo() {
  apply(after_);
}
void MoveNodes::undo() {
  apply(before_);
}

bool MoveNodes::mergeWith(const QUndoCommand* other) {
  if (other->id() != id() || id() < 0) return false;
  const auto* o = static_cast<const MoveNodes*>(other);
  if (o->after_.size() != after_.size()) return false;
  for (const auto& [node, p] : o->after_)
    if (!after_.count(node)) return false;
  after_ = o->after_;
  return true;
}

}  // namespace bp::ui
