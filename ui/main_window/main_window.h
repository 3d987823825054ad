#pragma once
#include <QMainWindow>

namespace bp::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace bp::ui
