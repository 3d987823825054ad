#pragma once
// A small line-plot painter for the compare lab's charts (overlaid curves, LR sweep, the
// trajectories' loss chart, the 1-D landscape line): axes with ticks, linear or log scales,
// optional mean ± std bands, a legend. QPainter only, so a plot exports as SVG as it paints.
#include <QColor>
#include <QPainter>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <limits>
#include <vector>

namespace bp::ui {

struct PlotSeries {
  QString name;
  QColor color;
  std::vector<QPointF> points;  // NaN/Inf y values break the line
  std::vector<double> band;     // optional: +- this around each point's y (same size)
  bool markers = false;
  bool dashed = false;
  QString mark;  // a note drawn at the last point ("diverged")
};

struct PlotSpec {
  QString title, x_label, y_label;
  bool log_x = false, log_y = false;
  bool legend = true;
  std::vector<PlotSeries> series;
  // optional: a vertical line (the current step) at this x when finite
  double cursor_x = std::numeric_limits<double>::quiet_NaN();
};

// Paints `spec` into `rect` (background included).
void paint_plot(QPainter& p, const QRectF& rect, const PlotSpec& spec);

// Distinct run colours (ten, then repeating).
QColor run_color(int index);

}  // namespace bp::ui
