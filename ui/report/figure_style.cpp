#include "ui/report/figure_style.h"

namespace bp::ui {

FigureStyle print_style() {
  FigureStyle s;
  s.font = QFont(QStringLiteral("DejaVu Sans"));
  s.font.setPointSizeF(10.0);
  return s;
}

FigureStyle style_from_palette(const QPalette& palette, const QFont& font) {
  FigureStyle s;
  s.background = palette.color(QPalette::Base);  // as the charts and figure titles
  s.text = palette.color(QPalette::WindowText);
  const bool dark = s.background.lightnessF() < 0.5;
  s.grid = dark ? QColor(255, 255, 255, 35) : QColor(0, 0, 0, 30);
  s.frame = dark ? QColor(255, 255, 255, 110) : QColor(0, 0, 0, 90);
  s.font = font;
  return s;
}

}  // namespace bp::ui
