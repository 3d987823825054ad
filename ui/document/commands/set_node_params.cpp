#include "ui/document/commands/set_node_params.h"

#include "ui/document/project_document.h"

namespace bp::ui {

SetNodeParams::SetNodeParams(ProjectDocument* doc, int node_id, const LayerParams& after,
                             const QString& text, int merge_id, QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc), node_id_(node_id), after_(after), merge_id_(merge_id) {
  if (const NodeSpec* n = doc->network().find(node_id))
    before_ = n->params;
  else
    setObsolete(true);
  setText(text);
}

void SetNodeParams::redo() {
  doc_->setNodeParams(node_id_, after_);
}
void SetNodeParams::undo() {
  doc_->setNodeParams(node_id_, before_);
}

bool SetNodeParams::mergeWith(const QUndoCommand* other) {
  if (other->id() != id() || id() < 0) return false;
  const auto* o = static_cast<const SetNodeParams*>(other);
  if (o->node_id_ != node_id_) return false;
  after_ = o->after_;
  return true;
}

}  // namespace bp::ui
