#pragma once
// LessonBrowser: a dialog listing the bundled lessons — thumbnail, title, level, duration and
// what you will see — and the claim each lesson's test asserts. Returns the chosen index.
#include <QDialog>
#include <vector>

#include "engine/lessons/lesson.h"

class QListWidget;
class QLabel;

namespace bp::ui {

class LessonBrowser : public QDialog {
  Q_OBJECT
 public:
  LessonBrowser(const std::vector<Lesson>& lessons, QWidget* parent = nullptr);
  // The selected lesson's index, -1 when none.
  int chosen() const;
  QListWidget* list() const { return list_; }

 private:
  void showDetails(int row);
  const std::vector<Lesson>& lessons_;
  QListWidget* list_;
  QLabel* details_;
};

}  // namespace bp::ui
