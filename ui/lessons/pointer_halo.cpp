#include "ui/lessons/pointer_halo.h"

#include <QApplication>
#include <QEvent>
#include <QMouseEvent>
#include <QPainter>

namespace bp::ui {

PointerHalo::PointerHalo(QWidget* window) : QWidget(window) {
  setObjectName("PointerHalo");
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_NoSystemBackground);
  setGeometry(window->rect());
  window->installEventFilter(this);
  qApp->installEventFilter(this);
  raise();
}

bool PointerHalo::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() && event->type() == QEvent::Resize)
    setGeometry(parentWidget()->rect());
  if (event->type() == QEvent::MouseMove) {
    const QPoint p =
        parentWidget()->mapFromGlobal(static_cast<QMouseEvent*>(event)->globalPosition().toPoint());
    if (p != pos_) {
      const QRect old(pos_ - QPoint(40, 40), QSize(80, 80));
      pos_ = p;
      raise();
      update(old.united(QRect(pos_ - QPoint(40, 40), QSize(80, 80))));
    }
  }
  return false;
}

void PointerHalo::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(QColor(255, 200, 0, 230), 5));
  p.setBrush(QColor(255, 230, 0, 70));
  p.drawEllipse(QPointF(pos_), 30, 30);
}

}  // namespace bp::ui
