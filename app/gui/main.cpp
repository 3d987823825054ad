// backprop-studio: the desktop app (composition root: wires the concrete backends).
#include <QApplication>
#include <QIcon>

#include "ui/main_window/main_window.h"

int main(int argc, char** argv) {
  // High-DPI: Qt 6 scales by default; keep fractional factors (125 %, 150 %) exact.
  QApplication::setHighDpiScaleFactorRoundingPolicy(
      Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
  QApplication app(argc, argv);
  QApplication::setApplicationName("Backprop Studio");
  QApplication::setApplicationDisplayName("Backprop Studio");
  QApplication::setOrganizationName("Backprop Studio");
  QApplication::setApplicationVersion(QStringLiteral("0.1"));
  QApplication::setWindowIcon(QIcon(":/icons/app.svg"));
  bp::ui::MainWindow window;  // applies the remembered theme (Fusion + palette)
  window.show();
  window.startSession();
  return QApplication::exec();
}
