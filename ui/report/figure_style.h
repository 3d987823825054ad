#pragma once
// FigureStyle: the colours and font a painted figure (report charts, the animation, the boundary
// plot) uses: light for print, or taken from the studio's palette so the dark theme applies.
#include <QColor>
#include <QFont>
#include <QPalette>

namespace bp::ui {

struct FigureStyle {
  QColor background{Qt::white};
  QColor text{QColor(0x20, 0x20, 0x20)};
  QColor grid{QColor(0, 0, 0, 30)};
  QColor frame{QColor(0, 0, 0, 90)};
  QFont font;
};

// Black on white, for reports and slides.
FigureStyle print_style();
// The palette's base and text colours (the studio's light or dark theme).
FigureStyle style_from_palette(const QPalette& palette, const QFont& font);

}  // namespace bp::ui
