#pragma once
// LessonPlayer: runs lessons inside the studio. It adds the Lessons menu (Open lesson…,
// Presentation mode), the lesson panel's dock, and carries out the panel's requests on the
// studio: Load opens one of the lesson's projects (fresh weights from its seed), Set patches the
// open project through undoable commands, Play trains N epochs then pauses, Reset re-initialises
// the weights (identical every time), Fgsm fools the trained net on a held-out digit shown on the
// drawing pad; Restart goes back to the first step and the first project.
#include <QList>
#include <QObject>
#include <QPointer>
#include <vector>

#include "engine/lessons/lesson.h"
#include "ui/lessons/fgsm_demo.h"

class QAction;
class QDockWidget;

namespace bp::ui {

class MainWindow;
class TrainingUi;
class LessonPanel;
class PresentationMode;

class LessonPlayer : public QObject {
  Q_OBJECT
 public:
  LessonPlayer(MainWindow* window, TrainingUi* training, QObject* parent = nullptr);
  ~LessonPlayer() override;

  const std::vector<Lesson>& lessons() const { return lessons_; }
  // The index in lessons() of the lesson with this id ("explain-fool"); -1 when there is none.
  int lessonIndex(const std::string& id) const;
  QStringList loadErrors() const { return load_errors_; }
  // Starts lesson `index` at its first step (no save prompt: call from the browser after one).
  void start(int index);
  bool hasLesson() const { return current_ >= 0; }
  const Lesson& lesson() const { return lessons_.at(static_cast<size_t>(current_)); }
  int step() const { return step_; }
  void goToStep(int step);
  void runAction(int action_index);
  void restart();

  LessonPanel* panel() const { return panel_; }
  QDockWidget* dock() const { return dock_; }
  PresentationMode* presentation() const { return presentation_; }
  QAction* openAction() const { return open_; }
  QAction* presentAction() const { return present_; }
  QAction* nextStepAction() const { return next_step_; }
  // The last FGSM action's outcome (what the drawing pad shows).
  const FgsmDemo& lastFgsm() const { return last_fgsm_; }
  // Non-zero while a Play action runs (its epoch count).
  int epochsLeft() const { return epochs_left_; }

 private:
  void openBrowser();
  void setPresenting(bool on);
  void showLessonPanels();
  // Hides what the previous run said (a divergence warning, a status message): a lesson opened,
  // restarted or reset starts from a clean screen.
  void clearMessages();
  // The Fgsm action: the attack on the held-out digits; the drawing pad shows one it fools.
  void runFgsm(float epsilon);
  QStringList hiddenDocks() const;

  MainWindow* window_;
  TrainingUi* training_;
  std::vector<Lesson> lessons_;
  QStringList load_errors_;
  LessonPanel* panel_;
  QDockWidget* dock_;
  PresentationMode* presentation_;
  QAction* open_;
  QAction* present_;
  QAction* next_step_;
  QList<QPointer<QDockWidget>> opened_panels_;  // docks the current lesson showed (were hidden)
  FgsmDemo last_fgsm_;
  int current_ = -1;
  int step_ = 0;
  int epochs_left_ = 0;        // non-zero while a Play action runs (its epoch count)
  int play_until_epoch_ = -1;  // the epoch record that ends it; -1 until the run's first snapshot
};

}  // namespace bp::ui
