#include "ui/main_window/theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace bp::ui {

QPalette light_palette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
  p.setColor(QPalette::WindowText, QColor(0x1f, 0x29, 0x37));
  p.setColor(QPalette::Base, QColor(0xff, 0xff, 0xff));
  p.setColor(QPalette::AlternateBase, QColor(0xf9, 0xfa, 0xfb));
  p.setColor(QPalette::Text, QColor(0x11, 0x18, 0x27));
  p.setColor(QPalette::Button, QColor(0xf9, 0xfa, 0xfb));
  p.setColor(QPalette::ButtonText, QColor(0x1f, 0x29, 0x37));
  p.setColor(QPalette::Highlight, QColor(0x25, 0x63, 0xeb));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf4));
  p.setColor(QPalette::ToolTipText, QColor(0x11, 0x18, 0x27));
  p.setColor(QPalette::PlaceholderText, QColor(0x9c, 0xa3, 0xaf));
  p.setColor(QPalette::Link, QColor(0x25, 0x63, 0xeb));
  p.setColor(QPalette::Light, Qt::white);
  p.setColor(QPalette::Midlight, QColor(0xe5, 0xe7, 0xeb));
  p.setColor(QPalette::Mid, QColor(0xc4, 0xc9, 0xd1));
  p.setColor(QPalette::Dark, QColor(0x6b, 0x72, 0x80));
  p.setColor(QPalette::Shadow, QColor(0x37, 0x41, 0x51));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x9c, 0xa3, 0xaf));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x9c, 0xa3, 0xaf));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x9c, 0xa3, 0xaf));
  return p;
}

QPalette dark_palette() {
  QPalette p;
  p.setColor(QPalette::Window, QColor(0x1f, 0x23, 0x2b));
  p.setColor(QPalette::WindowText, QColor(0xe5, 0xe7, 0xeb));
  p.setColor(QPalette::Base, QColor(0x2a, 0x2f, 0x3a));
  p.setColor(QPalette::AlternateBase, QColor(0x30, 0x36, 0x42));
  p.setColor(QPalette::Text, QColor(0xe5, 0xe7, 0xeb));
  p.setColor(QPalette::Button, QColor(0x2d, 0x33, 0x3e));
  p.setColor(QPalette::ButtonText, QColor(0xe5, 0xe7, 0xeb));
  p.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(0x37, 0x41, 0x51));
  p.setColor(QPalette::ToolTipText, QColor(0xf3, 0xf4, 0xf6));
  p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x80));
  p.setColor(QPalette::Link, QColor(0x60, 0xa5, 0xfa));
  p.setColor(QPalette::BrightText, QColor(0xf8, 0x71, 0x71));
  p.setColor(QPalette::Light, QColor(0x4b, 0x55, 0x63));
  p.setColor(QPalette::Midlight, QColor(0x37, 0x41, 0x51));
  p.setColor(QPalette::Mid, QColor(0x3f, 0x46, 0x52));
  p.setColor(QPalette::Dark, QColor(0x15, 0x18, 0x1e));
  p.setColor(QPalette::Shadow, QColor(0x0b, 0x0d, 0x10));
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6b, 0x72, 0x80));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6b, 0x72, 0x80));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6b, 0x72, 0x80));
  return p;
}

void apply_theme(Theme theme) {
  if (QApplication::style()->name().compare("fusion", Qt::CaseInsensitive) != 0)
    QApplication::setStyle(QStyleFactory::create("Fusion"));
  QApplication::setPalette(theme == Theme::Dark ? dark_palette() : light_palette());
}

}  // namespace bp::ui
