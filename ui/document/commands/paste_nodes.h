#pragma once
// Undoable: paste a fragment of a network (nodes + the edges among them, e.g. from the
// clipboard). Ids are renumbered, clashing names get fresh ones, positions shift by `offset`.
#include <QPointF>
#include <QUndoCommand>
#include <vector>

#include "engine/graph/network_spec.h"

namespace bp::ui {

class ProjectDocument;

class PasteNodes : public QUndoCommand {
 public:
  PasteNodes(ProjectDocument* doc, const NetworkSpec& fragment, QPointF offset);
  // The ids the pasted nodes got (to select them).
  const std::vector<int>& pastedIds() const { return pasted_; }

 private:
  std::vector<int> pasted_;
};

// The selected nodes and the edges among them, ready for the clipboard.
NetworkSpec copy_fragment(const NetworkSpec& net, const std::vector<int>& node_ids);

}  // namespace bp::ui
