#pragma once
// NetworkScene: the editor's QGraphicsScene. It observes a ProjectDocument and keeps one
// NodeItem per node and one EdgeItem per edge; items hold ids and paint from the document.
// It never edits the document itself: NetworkView turns gestures into commands.
#include <QGraphicsScene>
#include <map>
#include <vector>

namespace bp::ui {

class ProjectDocument;
class NodeItem;
class EdgeItem;

class NetworkScene : public QGraphicsScene {
  Q_OBJECT
 public:
  explicit NetworkScene(ProjectDocument* doc, QObject* parent = nullptr);
  ~NetworkScene() override;
  ProjectDocument* document() const { return doc_; }

  NodeItem* nodeItem(int node_id) const;
  EdgeItem* edgeItem(int edge_id) const;
  int nodeItemCount() const { return static_cast<int>(nodes_.size()); }
  int edgeItemCount() const { return static_cast<int>(edges_.size()); }
  // The topmost node / edge under a scene position (nullptr when none).
  NodeItem* nodeItemAt(QPointF scene_pos) const;
  EdgeItem* edgeItemAt(QPointF scene_pos) const;

  std::vector<int> selectedNodeIds() const;
  void selectNodes(const std::vector<int>& node_ids);
  // The single selected node, or -1.
  int currentNodeId() const;

  // A problem the live preview found, shown as a hint badge on the node it concerns (chosen by
  // build_hint_node); an empty text clears it. Survives rebuilding the items.
  void setBuildHint(const QString& text);
  int buildHintNodeId() const { return hint_node_; }

  // Called by NodeItem while it is dragged: keeps its edges attached.
  void nodeItemMoved(int node_id);

 signals:
  // The single selected node changed (-1: none or several).
  void currentNodeChanged(int node_id);

 private:
  void rebuild();
  void addNodeItem(int node_id);
  void addEdgeItem(int edge_id);
  void updateEdge(int edge_id);
  void refreshAll();

  ProjectDocument* doc_;
  std::map<int, NodeItem*> nodes_;
  std::map<int, EdgeItem*> edges_;
  int current_ = -1;
  QString hint_;
  int hint_node_ = -1;
};

}  // namespace bp::ui
