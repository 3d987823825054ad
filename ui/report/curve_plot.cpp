#include "ui/report/curve_plot.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

namespace bp::ui {
namespace {

const QColor kTrain(8, 119, 189);
const QColor kValidation(245, 147, 34);

double value_of(const EpochRecord& r, CurveMetric m, bool validation) {
  const Metrics& x = validation ? r.validation : r.train;
  return m == CurveMetric::Loss ? x.loss : x.accuracy;
}

bool has_validation(const std::vector<EpochRecord>& h) {
  return std::any_of(h.begin(), h.end(),
                     [](const EpochRecord& r) { return r.validation.samples > 0; });
}

// "Nice" tick step for a range (1, 2 or 5 times a power of ten).
double tick_step(double range, int ticks) {
  const double raw = range / std::max(1, ticks);
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p) return m * p;
  return 10.0 * p;
}

}  // namespace

bool history_has_accuracy(const std::vector<EpochRecord>& h) {
  return !h.empty() && h.back().train.accuracy >= 0.0;
}

void paint_curve_panel(QPainter& g, const QRectF& area, const std::vector<EpochRecord>& h,
                       CurveMetric metric, const FigureStyle& style) {
  g.save();
  g.setRenderHint(QPainter::Antialiasing);
  const QFontMetricsF fm(style.font);
  const QString y_title =
      metric == CurveMetric::Loss ? QStringLiteral("loss") : QStringLiteral("accuracy");
  const QRectF plot(
      area.left() + fm.horizontalAdvance(QStringLiteral("0.0000")) + fm.height() + 10,
      area.top() + fm.height() + 8,
      area.width() - fm.horizontalAdvance(QStringLiteral("0.0000")) - fm.height() - 20,
      area.height() - 3 * fm.height() - 16);
  g.setFont(style.font);
  g.setPen(style.text);
  // Panel title and legend on one line above the plot.
  g.drawText(QRectF(plot.left(), area.top(), plot.width(), fm.height()),
             Qt::AlignLeft | Qt::AlignVCenter,
             metric == CurveMetric::Loss ? QStringLiteral("Loss") : QStringLiteral("Accuracy"));
  const bool validation = has_validation(h);
  qreal lx = plot.right();
  for (int k = validation ? 1 : 0; k >= 0; --k) {
    const QString label = k ? QStringLiteral("validation") : QStringLiteral("train");
    lx -= fm.horizontalAdvance(label) + 4;
    g.setPen(style.text);
    g.drawText(QPointF(lx, area.top() + fm.ascent()), label);
    lx -= 22;
    g.setPen(QPen(k ? kValidation : kTrain, 2.5));
    g.drawLine(QPointF(lx, area.top() + fm.height() / 2),
               QPointF(lx + 18, area.top() + fm.height() / 2));
    lx -= 12;
  }
  g.setPen(QPen(style.frame, 1.0));
  g.drawRect(plot);
  if (h.empty() || plot.width() < 10 || plot.height() < 10) {
    g.setPen(style.text);
    g.drawText(plot, Qt::AlignCenter, QStringLiteral("No epochs recorded"));
    g.restore();
    return;
  }
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const EpochRecord& r : h)
    for (bool v : {false, true}) {
      if (v && r.validation.samples == 0) continue;
      const double y = value_of(r, metric, v);
      if (std::isfinite(y)) {
        lo = std::min(lo, y);
        hi = std::max(hi, y);
      }
    }
  if (!std::isfinite(lo)) lo = 0.0, hi = 1.0;
  if (metric == CurveMetric::Accuracy) lo = std::min(lo, 0.5), hi = 1.0;
  if (metric == CurveMetric::Loss) lo = std::min(lo, 0.0);
  if (hi - lo < 1e-9) hi = lo + 1.0;
  const double x0 = h.front().epoch, x1 = std::max<double>(h.back().epoch, x0 + 1);
  auto to = [&](double x, double y) {
    return QPointF(plot.left() + (x - x0) / (x1 - x0) * plot.width(),
                   plot.bottom() - (y - lo) / (hi - lo) * plot.height());
  };
  // Grid and ticks.
  const double ys = tick_step(hi - lo, 5);
  for (double y = std::ceil(lo / ys) * ys; y <= hi + 1e-12; y += ys) {
    const QPointF a = to(x0, y);
    g.setPen(QPen(style.grid, 1.0));
    g.drawLine(a, QPointF(plot.right(), a.y()));
    g.setPen(style.text);
    g.drawText(
        QRectF(area.left(), a.y() - fm.height() / 2, plot.left() - area.left() - 4, fm.height()),
        Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'g', 3));
  }
  const double xs = std::max(1.0, tick_step(x1 - x0, 6));
  for (double x = std::ceil(x0 / xs) * xs; x <= x1 + 1e-9; x += xs) {
    const QPointF a = to(x, lo);
    g.setPen(QPen(style.grid, 1.0));
    g.drawLine(a, QPointF(a.x(), plot.top()));
    g.setPen(style.text);
    g.drawText(QRectF(a.x() - 40, plot.bottom() + 2, 80, fm.height()), Qt::AlignCenter,
               QString::number(x, 'g', 6));
  }
  // Axis titles.
  g.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 4, plot.width(), fm.height()),
             Qt::AlignCenter, QStringLiteral("epoch"));
  g.save();
  g.translate(area.left() + fm.height() / 2, plot.center().y());
  g.rotate(-90);
  g.drawText(QRectF(-plot.height() / 2, -fm.height() / 2, plot.height(), fm.height()),
             Qt::AlignCenter, y_title);
  g.restore();
  // The lines.
  g.setClipRect(plot.adjusted(-2, -2, 2, 2));
  for (bool v : {false, true}) {
    if (v && !validation) continue;
    QPainterPath path;
    bool started = false;
    for (const EpochRecord& r : h) {
      const double y = value_of(r, metric, v);
      if (!std::isfinite(y) || (v && r.validation.samples == 0)) continue;
      const QPointF p = to(r.epoch, y);
      if (started) {
        path.lineTo(p);
      } else {
        path.moveTo(p);
        started = true;
      }
    }
    g.setPen(QPen(v ? kValidation : kTrain, 2.0));
    g.setBrush(Qt::NoBrush);
    g.drawPath(path);
    if (h.size() == 1 && started) g.drawEllipse(path.currentPosition(), 3, 3);
  }
  g.restore();
}

void paint_curves(QPainter& g, const QRectF& area, const std::vector<EpochRecord>& h,
                  const FigureStyle& style) {
  if (!history_has_accuracy(h)) {
    paint_curve_panel(g, area, h, CurveMetric::Loss, style);
    return;
  }
  const qreal half = area.width() / 2.0;
  paint_curve_panel(g, QRectF(area.left(), area.top(), half - 10, area.height()), h,
                    CurveMetric::Loss, style);
  paint_curve_panel(g, QRectF(area.left() + half + 10, area.top(), half - 10, area.height()), h,
                    CurveMetric::Accuracy, style);
}

}  // namespace bp::ui
