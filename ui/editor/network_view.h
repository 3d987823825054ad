#pragma once
// NetworkView: the editor's QGraphicsView; turns gestures into document commands.
//  - wheel (with or without Ctrl): zoom around the cursor; zoomIn/zoomOut/fitAll for actions
//  - middle button or Alt+drag: pan
//  - drag on empty space: rubber-band selection; drag nodes: MoveNodes on release
//  - drag from a node's output port onto another node: ConnectNodes (refusals -> statusMessage)
//  - Delete / Backspace: RemoveNodes (selected nodes) or DisconnectEdge (selected edges)
//  - copy / paste: the selected nodes as project JSON on the clipboard
//  - drop from the palette: AddNode at the drop point, or InsertNodeOnEdge onto an edge
#include <QGraphicsView>
#include <QPointF>
#include <map>
#include <optional>

#include "engine/graph/network_spec.h"

class QGraphicsPathItem;
class QMimeData;

namespace bp::ui {

class NetworkScene;
class ProjectDocument;
class EdgeItem;
class NodeItem;

class NetworkView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit NetworkView(NetworkScene* scene, QWidget* parent = nullptr);
  NetworkScene* networkScene() const { return scene_; }

  // What a drop of palette MIME data at a viewport position does; the new node's id or -1.
  int dropMime(const QMimeData* mime, QPoint view_pos);
  // The drop logic, callable without a drag (tests): returns the new node's id or -1.
  int dropNode(const NodeSpec& node, QPointF scene_pos);
  // Connects two nodes through the undo stack; false (and statusMessage) when refused.
  bool connectNodes(int from, int to);
  // Palette double-click: below the selected node (spliced into its outgoing edge when it has
  // exactly one), else below the network's output. Returns the new node's id.
  int addBelowSelection(const NodeSpec& node);
  double zoomFactor() const;

 public slots:
  void zoomIn();
  void zoomOut();
  void fitAll();
  void deleteSelection();
  void copySelection();
  void paste();
  void autoLayout();

 signals:
  // Feedback for the status bar (refused connections, ...).
  void statusMessage(const QString& message, int timeout_ms);

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dragLeaveEvent(QDragLeaveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;

 private:
  void scaleBy(double factor);
  void setDropHighlight(EdgeItem* edge);
  void setConnectTarget(NodeItem* node);
  ProjectDocument* doc() const;

  NetworkScene* scene_;
  // Node drag: positions at press time.
  std::map<int, QPointF> drag_start_;
  // Connection drag.
  std::optional<int> connect_from_;
  QGraphicsPathItem* rubber_edge_ = nullptr;
  NodeItem* connect_target_ = nullptr;
  EdgeItem* drop_edge_ = nullptr;
  std::optional<QPoint> pan_from_;
  int paste_count_ = 0;
};

}  // namespace bp::ui
