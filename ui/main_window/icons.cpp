#include "ui/main_window/icons.h"

#include <QString>

namespace bp::ui {

QIcon studio_icon(const char* name) {
  return QIcon(QStringLiteral(":/icons/%1.svg").arg(QString::fromLatin1(name)));
}

}  // namespace bp::ui
