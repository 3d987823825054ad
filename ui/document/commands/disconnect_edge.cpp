#include "ui/document/commands/disconnect_edge.h"

#include "ui/document/project_document.h"

namespace bp::ui {

DisconnectEdge::DisconnectEdge(ProjectDocument* doc, int edge_id, QUndoCommand* parent)
    : QUndoCommand(parent), doc_(doc), index_(doc->edgeIndex(edge_id)) {
  if (const EdgeSpec* e = doc->network().find_edge(edge_id))
    edge_ = *e;
  else
    setObsolete(true);  // nothing to do: QUndoStack drops it
  setText(QObject::tr("Disconnect"));
}

void DisconnectEdge::redo() {
  doc_->removeEdge(edge_.id);
}
void DisconnectEdge::undo() {
  doc_->insertEdge(edge_, index_);
}

}  // namespace bp::ui
