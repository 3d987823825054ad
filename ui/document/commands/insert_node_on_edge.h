#pragma once
// Undoable: drop a layer onto an edge a -> b: the edge is split into a -> new -> b (the new node
// takes over b's input port). Undo restores the original edge exactly.
#include <QString>
#include <QUndoCommand>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class InsertNodeOnEdge : public QUndoCommand {
 public:
  // node.id / node.name may be 0 / empty: they are assigned.
  InsertNodeOnEdge(ProjectDocument* doc, int edge_id, NodeSpec node);
  // Empty when `kind` may be inserted on `edge_id`, else why not.
  static QString refusal(const ProjectDocument* doc, int edge_id, NodeKind kind);
  int nodeId() const { return node_id_; }

 private:
  int node_id_ = 0;
};

}  // namespace bp::ui
