#pragma once
// FontScaler: presentation mode's large fonts for one window. The application font reaches only
// widgets that inherit it; a widget with a font of its own (a bold section header, the
// inspector's title, a view's enlarged labels), a widget with its own style sheet, and the charts'
// graphics fonts (titles, legends, axis labels) keep theirs. scale() multiplies each of those by
// the factor, remembering the originals; restore() puts every one back (widgets deleted meanwhile
// are skipped).
#include <QFont>
#include <QList>
#include <QPointer>
#include <functional>

class QWidget;

namespace bp::ui {

class FontScaler {
 public:
  // `root` and its descendants (docks included, floating or not).
  void scale(QWidget* root, qreal factor);
  void restore();
  bool active() const { return !saved_.isEmpty(); }

 private:
  struct Saved {
    QPointer<QObject> owner;  // the widget or chart the font belongs to
    QFont font;
    std::function<void(const QFont&)> set;  // puts a font back on its owner
  };
  void keep(QObject* owner, const QFont& font, std::function<void(const QFont&)> set, qreal factor);
  QList<Saved> saved_;
};

// `font` enlarged by `factor` (point size when it has one, else pixel size).
QFont scaled_font(const QFont& font, qreal factor);

}  // namespace bp::ui
