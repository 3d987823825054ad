#pragma once
// LessonPanel: the side panel of a running lesson — the step's title, text and questions, one
// button per "show me" action, previous/next, and "Restart lesson" (back to the first step and
// the first project's initial weights). It only shows a step and emits requests; LessonPlayer
// carries them out.
#include <QWidget>

#include "engine/lessons/lesson.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace bp::ui {

class LessonPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LessonPanel(QWidget* parent = nullptr);
  void showStep(const Lesson& lesson, int step);
  QList<QPushButton*> actionButtons() const { return action_buttons_; }
  QPushButton* nextButton() const { return next_; }
  QPushButton* previousButton() const { return previous_; }
  QPushButton* restartButton() const { return restart_; }
  QString stepText() const;
  // A line under the step's buttons saying what the last "show me" found (cleared by showStep).
  void showNote(const QString& text);
  QString note() const;

 signals:
  void actionRequested(int action_index);
  void nextRequested();
  void previousRequested();
  void restartRequested();

 private:
  QLabel* heading_;
  QLabel* text_;
  QLabel* questions_;
  QLabel* note_;
  QVBoxLayout* actions_;
  QList<QPushButton*> action_buttons_;
  QPushButton* previous_;
  QPushButton* next_;
  QPushButton* restart_;
};

}  // namespace bp::ui
