#pragma once
// EdgeItem: a connection drawn as a vertical bezier from the producer's output port to the
// consumer's input port. Holds only the edge id; the scene gives it its end points.
#include <QGraphicsPathItem>

namespace bp::ui {

class EdgeItem : public QGraphicsPathItem {
 public:
  enum { Type = UserType + 2 };
  explicit EdgeItem(int edge_id);
  int type() const override { return Type; }
  int edgeId() const { return edge_id_; }

  // from, to: scene positions of the output and input ports.
  void setEnds(QPointF from, QPointF to);
  // A wider invisible outline so edges are easy to hit and to drop onto.
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
  void setHighlighted(bool on);
  // The same curve, for the temporary line while dragging a new connection.
  static QPainterPath curve(QPointF from, QPointF to);

 private:
  int edge_id_;
  bool highlighted_ = false;
};

}  // namespace bp::ui
