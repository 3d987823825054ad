#include "ui/report/confusion_plot.h"

#include <QFontMetricsF>
#include <algorithm>

namespace bp::ui {
namespace {

QString class_name(const ConfusionMatrix& m, int c) {
  if (c < static_cast<int>(m.class_names.size()) && !m.class_names[static_cast<size_t>(c)].empty())
    return QString::fromStdString(m.class_names[static_cast<size_t>(c)]);
  return QString::number(c);
}

}  // namespace

void paint_confusion(QPainter& g, const QRectF& area, const ConfusionMatrix& m,
                     const FigureStyle& style) {
  g.save();
  g.setRenderHint(QPainter::Antialiasing);
  const int k = m.classes;
  if (k <= 0 || m.counts.size() != static_cast<size_t>(k) * static_cast<size_t>(k)) {
    g.setPen(style.text);
    g.drawText(area, Qt::AlignCenter, QStringLiteral("No confusion matrix"));
    g.restore();
    return;
  }
  QFont font = style.font;
  const QFontMetricsF fm(font);
  qreal label_w = 0;
  for (int c = 0; c < k; ++c) label_w = std::max(label_w, fm.horizontalAdvance(class_name(m, c)));
  label_w = std::min(label_w + 8, area.width() * 0.3);
  const qreal title_h = fm.height() + 4;
  const qreal side = std::max<qreal>(
      10.0, std::min(area.width() - label_w - title_h, area.height() - label_w - 2 * title_h));
  const QRectF grid(area.left() + title_h + label_w, area.top() + title_h, side, side);
  const qreal cell = side / k;
  QFont cell_font = font;
  cell_font.setPointSizeF(std::clamp(cell * 0.28, 5.0, font.pointSizeF()));
  for (int t = 0; t < k; ++t) {
    int64_t row = 0;
    for (int p = 0; p < k; ++p) row += m.counts[static_cast<size_t>(t) * k + p];
    for (int p = 0; p < k; ++p) {
      const int64_t n = m.counts[static_cast<size_t>(t) * k + p];
      const double frac = row > 0 ? static_cast<double>(n) / static_cast<double>(row) : 0.0;
      const QColor base = t == p ? QColor(8, 119, 189) : QColor(214, 39, 40);
      QColor fill = base;
      fill.setAlphaF(static_cast<float>(0.08 + 0.85 * frac));
      const QRectF r(grid.left() + p * cell, grid.top() + t * cell, cell, cell);
      g.fillRect(r, style.background);
      g.fillRect(r, fill);
      g.setPen(QPen(style.grid, 1.0));
      g.drawRect(r);
      g.setFont(cell_font);
      g.setPen(frac > 0.55 ? Qt::white : style.text);
      g.drawText(r, Qt::AlignCenter, QString::number(n));
    }
  }
  g.setFont(font);
  g.setPen(style.text);
  for (int c = 0; c < k; ++c) {
    // Row labels (true class) on the left, column labels (predicted) under the grid, rotated.
    g.drawText(QRectF(grid.left() - label_w, grid.top() + c * cell, label_w - 4, cell),
               Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(class_name(m, c), Qt::ElideRight, label_w - 4));
    g.save();
    g.translate(grid.left() + (c + 0.5) * cell, grid.bottom() + 4);
    g.rotate(-90);
    g.drawText(QRectF(-label_w, -cell / 2, label_w - 4, cell), Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(class_name(m, c), Qt::ElideRight, label_w - 4));
    g.restore();
  }
  g.drawText(QRectF(grid.left(), area.top(), grid.width(), title_h), Qt::AlignCenter,
             QStringLiteral("predicted class →"));
  g.save();
  g.translate(area.left() + title_h / 2, grid.center().y());
  g.rotate(-90);
  g.drawText(QRectF(-grid.height() / 2, -title_h / 2, grid.height(), title_h), Qt::AlignCenter,
             QStringLiteral("← true class"));
  g.restore();
  g.restore();
}

}  // namespace bp::ui
