#pragma once
// NodeItem: one node's card in the editor. Holds only the node id and paints from the document:
// summary ("Linear 8 · Tanh"), name, output shape, parameter count, and a badge: red with the
// node's shape diagnostics as its tooltip, or amber with a hint found while building the model
// (the live preview: a loss that does not fit the outputs, too much memory, ...). Input port on
// top, output port at the bottom.
#include <QGraphicsItem>
#include <QString>

namespace bp::ui {

class ProjectDocument;

class NodeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 1 };
  static constexpr double kWidth = 204.0;
  static constexpr double kHeight = 68.0;
  static constexpr double kPortRadius = 6.0;

  NodeItem(const ProjectDocument* doc, int node_id);
  int type() const override { return Type; }
  int nodeId() const { return node_id_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // Re-reads the document (params, diagnostics) and repaints.
  void refresh();
  bool hasInputPort() const;
  QPointF inputPortScenePos() const;
  QPointF outputPortScenePos() const;
  bool isOnOutputPort(QPointF scene_pos) const;
  // The diagnostics shown on the badge, joined by newlines; empty when the node is fine.
  QString errorText() const { return error_; }
  // A problem the live preview found that concerns this node (empty: none); shown as a hint.
  void setBuildHint(const QString& text);
  QString buildHint() const { return hint_; }
  bool isBadgeVisible() const;
  // Drop/connection target highlight.
  void setHighlighted(bool on);

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
  void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
  void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

 private:
  QRectF cardRect() const;
  const ProjectDocument* doc_;
  int node_id_;
  QString error_;
  QString hint_;
  QGraphicsItem* badge_ = nullptr;
  bool highlighted_ = false;
  bool hovered_ = false;
};

}  // namespace bp::ui
