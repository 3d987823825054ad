#include "ui/views/zoom_chart_view.h"

#include <QMouseEvent>
#include <QWheelEvent>

namespace bp::ui {

ZoomChartView::ZoomChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
  setRenderHint(QPainter::Antialiasing);
  setRubberBand(QChartView::RectangleRubberBand);
  setMouseTracking(true);
}

void ZoomChartView::wheelEvent(QWheelEvent* e) {
  const qreal factor = e->angleDelta().y() > 0 ? 1.25 : 0.8;
  QRectF area = chart()->plotArea();
  const QPointF c = e->position();
  area.setWidth(area.width() / factor);
  area.setHeight(area.height() / factor);
  area.moveCenter(QPointF(c.x() - (c.x() - chart()->plotArea().center().x()) / factor,
                          c.y() - (c.y() - chart()->plotArea().center().y()) / factor));
  chart()->zoomIn(area);
  zoomed_ = true;
  e->accept();
}

void ZoomChartView::mousePressEvent(QMouseEvent* e) {
  if (e->button() == Qt::RightButton || e->button() == Qt::MiddleButton) {
    panning_ = true;
    last_ = e->position();
    setCursor(Qt::ClosedHandCursor);
    e->accept();
    return;
  }
  if (e->button() == Qt::LeftButton) zoomed_ = true;
  QChartView::mousePressEvent(e);
}

void ZoomChartView::mouseMoveEvent(QMouseEvent* e) {
  if (panning_) {
    const QPointF d = e->position() - last_;
    last_ = e->position();
    chart()->scroll(-d.x(), d.y());
    zoomed_ = true;
    e->accept();
    return;
  }
  QChartView::mouseMoveEvent(e);
}

void ZoomChartView::mouseReleaseEvent(QMouseEvent* e) {
  if (panning_) {
    panning_ = false;
    unsetCursor();
    e->accept();
    return;
  }
  QChartView::mouseReleaseEvent(e);
}

void ZoomChartView::mouseDoubleClickEvent(QMouseEvent* e) {
  zoomed_ = false;
  chart()->zoomReset();
  emit zoomReset();
  e->accept();
}

}  // namespace bp::ui
