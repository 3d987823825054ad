// backprop-studio: the desktop app (composition root: wires the concrete backends).
#include <QApplication>

#include "ui/main_window/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("Backprop Studio");
  QApplication::setOrganizationName("Backprop Studio");
  bp::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
