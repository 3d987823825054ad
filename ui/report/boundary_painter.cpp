#include "ui/report/boundary_painter.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

#include "engine/train/prediction.h"
#include "ui/views/class_colors.h"

namespace bp::ui {
namespace {

QFont tick_font(const QFont& font) {
  QFont f = font;
  f.setPointSizeF(std::max(6.0, f.pointSizeF() * 0.8));
  return f;
}

QPointF to_plot(const QRectF& r, const PlotPoints& p, float x, float y) {
  return QPointF(r.left() + (x - p.x_min) / (p.x_max - p.x_min) * r.width(),
                 r.top() + (p.y_max - y) / (p.y_max - p.y_min) * r.height());
}

}  // namespace

QImage boundary_heatmap(const PlaneGrid& g, const PlotPoints& p, bool hard) {
  if (g.width <= 0 || g.height <= 0 || g.outputs <= 0) return {};
  QImage img(g.width, g.height, QImage::Format_RGB32);
  const int k = g.outputs;
  for (int r = 0; r < g.height; ++r) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < g.width; ++c) {
      const float* v = g.values.data() + static_cast<size_t>((r * g.width + c) * k);
      QColor color;
      if (p.task == TaskKind::Classification && k >= 2) {
        // The predicted class, shaded by the softmax of the outputs (probabilities for
        // CrossEntropyLoss; a ranking otherwise).
        const int best = predicted_class(g.loss, v, k);
        const float m = v[best];
        float sum = 0.0f;
        for (int j = 0; j < k; ++j) sum += std::exp(v[j] - m);
        const float pmax = 1.0f / sum;
        const float conf =
            (pmax - 1.0f / static_cast<float>(k)) / (1.0f - 1.0f / static_cast<float>(k));
        color = tint(class_color(best, p.num_classes), hard ? 0.55f : 0.15f + 0.6f * conf);
      } else if (p.task == TaskKind::Classification) {
        // One output: a probability (sigmoid of a logit for BCEWithLogitsLoss).
        const float t = positive_score(g.loss, v[0]);
        color = hard ? tint(class_color(predicted_class(g.loss, v, 1), 2), 0.55f)
                     : diverging_color(0.5f + 0.8f * (std::clamp(t, 0.0f, 1.0f) - 0.5f));
      } else {
        float t = (v[0] - p.target_min) / (p.target_max - p.target_min);
        if (hard) t = std::round(t * 6.0f) / 6.0f;
        color = diverging_color(0.5f + 0.8f * (t - 0.5f));
      }
      line[c] = color.rgb();
    }
  }
  return img;
}

QRectF boundary_plot_rect(const QRectF& area, const QFont& font) {
  const QFontMetricsF ticks(tick_font(font));
  const QFontMetricsF titles(font);
  const qreal left = ticks.horizontalAdvance(QStringLiteral("-0.00")) + titles.height() + 8.0;
  const qreal bottom = ticks.height() + titles.height() + 6.0;
  const qreal side = std::max<qreal>(
      10.0,
      std::min(area.width() - left - 8.0, area.height() - bottom - ticks.height() / 2.0 - 4.0));
  const qreal x = area.left() + left + (area.width() - left - 8.0 - side) / 2.0;
  const qreal top = ticks.height() / 2.0 + 4.0;  // room for the top tick label
  const qreal y = area.top() + top + (area.height() - bottom - top - side) / 2.0;
  return QRectF(x, y, side, side);
}

void paint_boundary(QPainter& g, const QRectF& area, const QImage& heatmap, const PlotPoints& p,
                    bool show_test, const FigureStyle& style) {
  g.save();
  g.setRenderHint(QPainter::Antialiasing);
  g.setRenderHint(QPainter::SmoothPixmapTransform);
  const QRectF r = boundary_plot_rect(area, style.font);
  if (!heatmap.isNull()) g.drawImage(r, heatmap);
  g.setPen(QPen(style.frame, 1.0));
  g.setBrush(Qt::NoBrush);
  g.drawRect(r);
  // Axes through the origin, dashed.
  g.setPen(QPen(QColor(0, 0, 0, 40), 1.0, Qt::DashLine));
  const QPointF o = to_plot(r, p, 0.0f, 0.0f);
  if (r.contains(o)) {
    g.drawLine(QPointF(r.left(), o.y()), QPointF(r.right(), o.y()));
    g.drawLine(QPointF(o.x(), r.top()), QPointF(o.x(), r.bottom()));
  }
  // Tick labels.
  const QFont small = tick_font(style.font);
  const QFontMetricsF tm(small);
  g.setFont(small);
  g.setPen(style.text);
  for (int i = 0; i <= 4; ++i) {
    const float t = static_cast<float>(i) / 4.0f;
    const float xv = p.x_min + t * (p.x_max - p.x_min);
    const float yv = p.y_min + t * (p.y_max - p.y_min);
    const QPointF sx = to_plot(r, p, xv, p.y_min), sy = to_plot(r, p, p.x_min, yv);
    g.drawText(QRectF(sx.x() - 40, r.bottom() + 2, 80, tm.height()), Qt::AlignCenter,
               QString::number(xv, 'g', 2));
    g.drawText(QRectF(r.left() - 4 - tm.horizontalAdvance(QStringLiteral("-0.00")),
                      sy.y() - tm.height() / 2, tm.horizontalAdvance(QStringLiteral("-0.00")),
                      tm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(yv, 'g', 2));
  }
  // Axis titles: the plane's two input features.
  g.setFont(style.font);
  const QFontMetricsF fm(style.font);
  g.drawText(QRectF(r.left(), r.bottom() + tm.height() + 2, r.width(), fm.height()),
             Qt::AlignCenter, QStringLiteral("x₁ (feature 1)"));
  g.save();
  g.translate(r.left() - tm.horizontalAdvance(QStringLiteral("-0.00")) - 8 - fm.height() / 2,
              r.center().y());
  g.rotate(-90);
  g.drawText(QRectF(-r.height() / 2, -fm.height() / 2, r.height(), fm.height()), Qt::AlignCenter,
             QStringLiteral("x₂ (feature 2)"));
  g.restore();
  // The points: training circles (white rim), test squares (black rim).
  g.setClipRect(r);
  auto color_of = [&](float target) {
    if (p.task == TaskKind::Classification)
      return class_color(static_cast<int>(target), p.num_classes);
    return diverging_color((target - p.target_min) / (p.target_max - p.target_min));
  };
  const qreal rad = std::clamp(r.width() / 110.0, 2.5, 6.0);
  if (show_test) {
    for (size_t i = 0; i + 1 < p.test_xy.size(); i += 2) {
      const QPointF c = to_plot(r, p, p.test_xy[i], p.test_xy[i + 1]);
      g.setPen(QPen(Qt::black, 1.0));
      g.setBrush(color_of(p.test_target[i / 2]));
      g.drawRect(QRectF(c.x() - rad, c.y() - rad, 2 * rad, 2 * rad));
    }
  }
  g.setPen(QPen(Qt::white, 1.0));
  for (size_t i = 0; i + 1 < p.train_xy.size(); i += 2) {
    const QPointF c = to_plot(r, p, p.train_xy[i], p.train_xy[i + 1]);
    g.setBrush(color_of(p.train_target[i / 2]));
    g.drawEllipse(c, rad, rad);
  }
  g.restore();
}

}  // namespace bp::ui
