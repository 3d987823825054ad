#pragma once
// Undoable: add an edge from -> to. Use ConnectNodes::create(), which asks
// bp::check_connection first and refuses (returns nullptr and the reason) when the connection
// would make the network invalid. The raw constructor adds a given edge unchecked (used inside
// composite commands that have already validated the result).
#include <QString>
#include <QUndoCommand>
#include <memory>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class ConnectNodes : public QUndoCommand {
 public:
  ConnectNodes(ProjectDocument* doc, const EdgeSpec& edge, QUndoCommand* parent = nullptr);
  // The edge goes to the next free input port of `to`. nullptr + *reason when refused.
  static std::unique_ptr<ConnectNodes> create(ProjectDocument* doc, int from, int to,
                                              QString* reason);
  void undo() override;
  void redo() override;
  const EdgeSpec& edge() const { return edge_; }

 private:
  ProjectDocument* doc_;
  EdgeSpec edge_;
};

// The next free input port of a node (0 when it has no inputs yet).
int next_free_port(const NetworkSpec& net, int node_id);

}  // namespace bp::ui
