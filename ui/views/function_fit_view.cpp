#include "ui/views/function_fit_view.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace bp::ui {
namespace {

// 1, 2 or 5 x 10^k, about `count` ticks across [lo, hi].
double tick_step(double lo, double hi, int count) {
  const double raw = std::max(1e-9, (hi - lo) / count);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / mag;
  return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * mag;
}

}  // namespace

FunctionFitView::FunctionFitView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 160);
  setToolTip(
      tr("The training points (filled), the test points (hollow) and the network's "
         "function over x (the line)."));
}

void FunctionFitView::setSnapshot(const SnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  update();
}

bool FunctionFitView::hasCurve() const {
  return snapshot_ && snapshot_->curve_points && !snapshot_->curve_y.empty();
}

QString FunctionFitView::csv() const {
  QString out = QStringLiteral("x,network_output\n");
  if (!hasCurve()) return out;
  const auto& x = snapshot_->curve_points->grid_x;
  for (size_t i = 0; i < x.size() && i < snapshot_->curve_y.size(); ++i)
    out += QStringLiteral("%1,%2\n").arg(x[i], 0, 'g', 7).arg(snapshot_->curve_y[i], 0, 'g', 7);
  return out;
}

void FunctionFitView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  if (!hasCurve()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
               snapshot_ ? tr("The fitted curve is drawn for 1-D regression data: one input, "
                              "one output (try Examples > Sine).")
                         : tr("No training yet: press Play."));
    return;
  }
  const CurvePoints& c = *snapshot_->curve_points;
  const double x0 = c.grid_x.front(), x1 = c.grid_x.back();
  double y0 = c.y_min, y1 = c.y_max;
  for (float y : snapshot_->curve_y)  // keep a wild curve on screen (clipped far out)
    if (std::isfinite(y))
      y0 = std::min(y0, std::max<double>(y, c.y_min - (c.y_max - c.y_min))),
      y1 = std::max(y1, std::min<double>(y, c.y_max + (c.y_max - c.y_min)));
  const QFontMetrics fm(font());
  const QRectF plot(fm.horizontalAdvance(QStringLiteral("-0.00")) + 24, 10,
                    width() - fm.horizontalAdvance(QStringLiteral("-0.00")) - 36,
                    height() - 2 * fm.height() - 24);
  if (plot.width() < 20 || plot.height() < 20) return;
  auto px = [&](double x) { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); };
  auto py = [&](double y) { return plot.bottom() - (y - y0) / (y1 - y0) * plot.height(); };
  // Grid, ticks and axis labels.
  const QColor text = palette().color(QPalette::Text);
  const QColor grid = palette().color(QPalette::Midlight);
  p.setPen(grid);
  const double xs = tick_step(x0, x1, 6), ys = tick_step(y0, y1, 5);
  for (double x = std::ceil(x0 / xs) * xs; x <= x1; x += xs) {
    p.setPen(grid);
    p.drawLine(QPointF(px(x), plot.top()), QPointF(px(x), plot.bottom()));
    p.setPen(text);
    p.drawText(QRectF(px(x) - 30, plot.bottom() + 2, 60, fm.height()), Qt::AlignCenter,
               QString::number(x, 'g', 3));
  }
  for (double y = std::ceil(y0 / ys) * ys; y <= y1; y += ys) {
    p.setPen(grid);
    p.drawLine(QPointF(plot.left(), py(y)), QPointF(plot.right(), py(y)));
    p.setPen(text);
    p.drawText(QRectF(0, py(y) - fm.height() / 2.0, plot.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'g', 3));
  }
  p.setPen(text);
  p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()),
             Qt::AlignCenter, tr("x (input)"));
  p.save();
  p.translate(10, plot.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-plot.height() / 2, -fm.height() / 2.0, plot.height(), fm.height()),
             Qt::AlignCenter, tr("y (target / network output)"));
  p.restore();
  p.setPen(palette().color(QPalette::Mid));
  p.drawRect(plot);
  p.setClipRect(plot);
  // Data: train filled, test hollow.
  const QColor blue(31, 119, 180), orange(255, 127, 14);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(blue.red(), blue.green(), blue.blue(), 150));
  for (size_t i = 0; i < c.train_x.size(); ++i)
    p.drawEllipse(QPointF(px(c.train_x[i]), py(c.train_y[i])), 2.5, 2.5);
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(blue, 1.0));
  for (size_t i = 0; i < c.test_x.size(); ++i)
    p.drawEllipse(QPointF(px(c.test_x[i]), py(c.test_y[i])), 3.0, 3.0);
  // The network's function.
  QPainterPath path;
  for (size_t i = 0; i < c.grid_x.size() && i < snapshot_->curve_y.size(); ++i) {
    const QPointF q(px(c.grid_x[i]), py(snapshot_->curve_y[i]));
    i == 0 ? path.moveTo(q) : path.lineTo(q);
  }
  p.setPen(QPen(orange, 2.5));
  p.drawPath(path);
}

}  // namespace bp::ui
