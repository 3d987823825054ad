#include "ui/main_window/main_window.h"

#include <QLabel>

namespace bp::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("Backprop Studio");
  setCentralWidget(new QLabel("Backprop Studio", this));
  resize(1280, 800);
}

}  // namespace bp::ui
