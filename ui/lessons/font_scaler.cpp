#include "ui/lessons/font_scaler.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QWidget>
#include <utility>

namespace bp::ui {

QFont scaled_font(const QFont& font, qreal factor) {
  QFont f = font;
  if (font.pointSizeF() > 0)
    f.setPointSizeF(font.pointSizeF() * factor);
  else if (font.pixelSize() > 0)
    f.setPixelSize(qRound(font.pixelSize() * factor));
  return f;
}

void FontScaler::keep(QObject* owner, const QFont& font, std::function<void(const QFont&)> set,
                      qreal factor) {
  saved_.append({owner, font, std::move(set)});
  saved_.back().set(scaled_font(font, factor));
}

void FontScaler::scale(QWidget* root, qreal factor) {
  restore();
  QList<QWidget*> widgets = root->findChildren<QWidget*>();
  widgets.prepend(root);
  for (QWidget* w : widgets) {
    // A widget with a style sheet of its own keeps the font it was polished with: scaled too.
    if (w->testAttribute(Qt::WA_SetFont) || !w->styleSheet().isEmpty())
      keep(
          w, w->font(), [w](const QFont& f) { w->setFont(f); }, factor);
    auto* view = qobject_cast<QChartView*>(w);
    if (!view || !view->chart()) continue;
    QChart* chart = view->chart();
    keep(
        chart, chart->titleFont(), [chart](const QFont& f) { chart->setTitleFont(f); }, factor);
    QLegend* legend = chart->legend();
    keep(
        legend, legend->font(), [legend](const QFont& f) { legend->setFont(f); }, factor);
    for (QAbstractAxis* axis : chart->axes()) {
      keep(
          axis, axis->labelsFont(), [axis](const QFont& f) { axis->setLabelsFont(f); }, factor);
      keep(
          axis, axis->titleFont(), [axis](const QFont& f) { axis->setTitleFont(f); }, factor);
    }
  }
}

void FontScaler::restore() {
  // Newest first: a font saved twice (never, but cheaply safe) ends at its oldest value.
  for (auto it = saved_.crbegin(); it != saved_.crend(); ++it)
    if (it->owner) it->set(it->font);
  saved_.clear();
}

}  // namespace bp::ui
