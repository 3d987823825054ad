#include "ui/document/commands/set_many_node_params.h"

#include "ui/document/project_document.h"

namespace bp::ui {

SetManyNodeParams::SetManyNodeParams(ProjectDocument* doc, const std::vector<Change>& changes,
                                     const QString& text, int merge_id)
    : doc_(doc), merge_id_(merge_id) {
  for (const Change& c : changes) {
    const NodeSpec* n = doc->network().find(c.node_id);
    if (!n) continue;
    ids_.push_back(c.node_id);
    before_.push_back(n->params);
    after_.push_back(c.after);
  }
  setObsolete(ids_.empty());
  setText(text);
}

void SetManyNodeParams::redo() {
  for (size_t i = 0; i < ids_.size(); ++i) doc_->setNodeParams(ids_[i], after_[i]);
}

void SetManyNodeParams::undo() {
  for (size_t i = ids_.size(); i-- > 0;) doc_->setNodeParams(ids_[i], before_[i]);
}

bool SetManyNodeParams::mergeWith(const QUndoCommand* other) {
  if (other->id() != id() || id() < 0) return false;
  const auto* o = static_cast<const SetManyNodeParams*>(other);
  if (o->ids_ != ids_) return false;
  after_ = o->after_;
  return true;
}

}  // namespace bp::ui
