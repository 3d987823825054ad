#include "ui/editor/edge_item.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace bp::ui {

EdgeItem::EdgeItem(int edge_id) : edge_id_(edge_id) {
  setZValue(0.0);
  setFlag(ItemIsSelectable);
  setAcceptHoverEvents(true);
}

QPainterPath EdgeItem::curve(QPointF from, QPointF to) {
  QPainterPath path(from);
  const double span = to.y() - from.y();
  if (span > 160.0 && std::abs(to.x() - from.x()) < 60.0) {
    // A skip connection over nodes stacked in one column: swing out to the side so the edge
    // is not hidden behind the cards it jumps over.
    const QPointF side((from.x() + to.x()) / 2.0 + 175.0, (from.y() + to.y()) / 2.0);
    path.cubicTo(from + QPointF(60, 40), side - QPointF(0, span * 0.3), side);
    path.cubicTo(side + QPointF(0, span * 0.3), to + QPointF(60, -40), to);
    return path;
  }
  const double dy = std::max(40.0, std::abs(span) * 0.5);
  path.cubicTo(from + QPointF(0, dy), to - QPointF(0, dy), to);
  return path;
}

void EdgeItem::setEnds(QPointF from, QPointF to) {
  setPath(curve(from, to));
}

QPainterPath EdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(14);
  return stroker.createStroke(path());
}

void EdgeItem::setHighlighted(bool on) {
  if (highlighted_ == on) return;
  highlighted_ = on;
  update();
}

void EdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
  const QPalette pal = QApplication::palette();
  const bool dark = pal.color(QPalette::Window).lightness() < 128;
  QColor c = dark ? QColor(0x94, 0xa3, 0xb8) : QColor(0x64, 0x74, 0x8b);
  qreal w = 2.0;
  if ((option->state & QStyle::State_Selected) || highlighted_) {
    c = pal.color(QPalette::Highlight);
    w = 3.0;
  }
  p->setRenderHint(QPainter::Antialiasing);
  p->setPen(QPen(c, w, Qt::SolidLine, Qt::RoundCap));
  p->setBrush(Qt::NoBrush);
  p->drawPath(path());
  // Arrow head at the consumer's input port.
  const QPointF tip = path().pointAtPercent(1.0);
  p->setBrush(c);
  p->setPen(Qt::NoPen);
  QPolygonF head;
  head << tip + QPointF(0, -7) << tip + QPointF(-5, -15) << tip + QPointF(5, -15);
  p->drawPolygon(head);
}

}  // namespace bp::ui
