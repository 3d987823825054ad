#pragma once
// PointerHalo: a transparent overlay over the main window that draws a yellow ring around the
// mouse pointer so a room can follow it (presentation mode). Mouse events pass through.
#include <QPoint>
#include <QWidget>

namespace bp::ui {

class PointerHalo : public QWidget {
  Q_OBJECT
 public:
  explicit PointerHalo(QWidget* window);
  QPoint position() const { return pos_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  QPoint pos_{-100, -100};
};

}  // namespace bp::ui
