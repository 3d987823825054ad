#include "ui/editor/canvas_hint.h"

#include <QEvent>
#include <QMouseEvent>
#include <algorithm>

namespace bp::ui {

CanvasHint::CanvasHint(QWidget* canvas) : QLabel(canvas) {
  setObjectName(QStringLiteral("CanvasHint"));
  setWordWrap(true);
  setAlignment(Qt::AlignCenter);
  setStyleSheet(
      QStringLiteral("QLabel#CanvasHint { background: rgba(40, 90, 170, 200); color: white; "
                     "border-radius: 6px; padding: 6px 12px; }"));
  setToolTip(tr("Click to hide this hint"));
  canvas->installEventFilter(this);
  hide();
}

void CanvasHint::setHint(const QString& text) {
  setText(text);
  setVisible(!text.isEmpty());
  if (!text.isEmpty()) {
    place();
    raise();
  }
}

bool CanvasHint::eventFilter(QObject* watched, QEvent* event) {
  if (watched == parentWidget() &&
      (event->type() == QEvent::Resize || event->type() == QEvent::Show))
    place();
  return QLabel::eventFilter(watched, event);
}

void CanvasHint::mousePressEvent(QMouseEvent* event) {
  event->accept();
  hide();
  emit dismissed();
}

void CanvasHint::place() {
  const QRect area = parentWidget()->rect();
  const int width = std::max(120, std::min(area.width() - 24, 640));
  const int height = heightForWidth(width);
  setGeometry(area.x() + (area.width() - width) / 2, area.y() + 12, width,
              height > 0 ? height : sizeHint().height());
  raise();
}

}  // namespace bp::ui
