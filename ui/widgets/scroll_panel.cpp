#include "ui/widgets/scroll_panel.h"

#include <QFrame>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QWidget>

namespace bp::ui {

QVBoxLayout* make_scroll_panel(QWidget* panel) {
  auto* scroll = new QScrollArea(panel);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* inner = new QWidget(scroll);
  auto* lay = new QVBoxLayout(inner);
  lay->setContentsMargins(6, 6, 6, 6);
  scroll->setWidget(inner);
  auto* outer = new QVBoxLayout(panel);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
  return lay;
}

}  // namespace bp::ui
