#pragma once
// A QChartView with mouse zoom and pan: wheel zooms around the cursor, left-drag draws a zoom
// rectangle, right-drag (or middle-drag) pans, double-click returns to following the data.
#include <QChartView>
#include <QPointF>

namespace bp::ui {

class ZoomChartView : public QChartView {
  Q_OBJECT
 public:
  explicit ZoomChartView(QChart* chart, QWidget* parent = nullptr);
  // True after the user zoomed or panned: the owner stops auto-ranging the axes.
  bool userZoomed() const { return zoomed_; }

 signals:
  void zoomReset();

 protected:
  void wheelEvent(QWheelEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void mouseDoubleClickEvent(QMouseEvent* e) override;

 private:
  bool zoomed_ = false;
  bool panning_ = false;
  QPointF last_;
};

}  // namespace bp::ui
