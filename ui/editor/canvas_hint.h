#pragma once
// CanvasHint: one line of guidance floating at the top of the network canvas ("Press Space to
// train; ..." on a first launch, "Drag a layer here ..." on an empty canvas). It follows the
// canvas's size, lets mouse clicks through except on itself (a click dismisses it).
#include <QLabel>

namespace bp::ui {

class CanvasHint : public QLabel {
  Q_OBJECT
 public:
  // `canvas`: the network view; the hint is its child and stays centred at its top.
  explicit CanvasHint(QWidget* canvas);
  // Shows `text` (empty: hides).
  void setHint(const QString& text);

 signals:
  void dismissed();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  void place();
};

}  // namespace bp::ui
