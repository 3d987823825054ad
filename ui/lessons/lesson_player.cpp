#include "ui/lessons/lesson_player.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QScrollArea>
#include <QStatusBar>

#include "engine/lessons/project_patch.h"
#include "ui/document/commands/apply_template.h"
#include "ui/document/commands/set_dataset_spec.h"
#include "ui/document/commands/set_train_config.h"
#include "ui/document/project_document.h"
#include "ui/lessons/fgsm_demo.h"
#include "ui/lessons/lesson_browser.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_panel.h"
#include "ui/lessons/presentation_mode.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"
#include "ui/views/drawing_pad_view.h"
#include "ui/widgets/message_banner.h"

namespace bp::ui {

LessonPlayer::LessonPlayer(MainWindow* window, TrainingUi* training, QObject* parent)
    : QObject(parent),
      window_(window),
      training_(training),
      lessons_(bundled_lessons(&load_errors_)),
      panel_(new LessonPanel),
      dock_(new QDockWidget(tr("Lesson"), window)),
      open_(new QAction(tr("&Open lesson…"), this)),
      present_(new QAction(tr("&Presentation mode"), this)),
      next_step_(new QAction(tr("Next step ▶"), this)) {
  dock_->setObjectName("LessonDock");
  // Scrolled, so that long step texts and their buttons are never squeezed below their size (in
  // presentation mode's large fonts the dock cannot always grow enough at 1280x720).
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(panel_);
  dock_->setWidget(scroll);
  window->addPanel(dock_, Qt::RightDockWidgetArea);
  dock_->hide();
  presentation_ = new PresentationMode(
      window, {training->playAction(), training->stepEpochAction(), training->resetAction()},
      next_step_, this);
  open_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  present_->setShortcut(Qt::Key_F5);
  present_->setCheckable(true);
  next_step_->setToolTip(tr("Next step of the lesson (→)"));
  QMenu* menu = window->menuBar()->addMenu(tr("&Lessons"));
  menu->addAction(open_);
  menu->addAction(present_);
  connect(open_, &QAction::triggered, this, &LessonPlayer::openBrowser);
  connect(present_, &QAction::toggled, this, &LessonPlayer::setPresenting);
  connect(presentation_, &PresentationMode::activeChanged, present_, &QAction::setChecked);
  connect(next_step_, &QAction::triggered, this, [this] { goToStep(step_ + 1); });
  connect(panel_, &LessonPanel::nextRequested, this, [this] { goToStep(step_ + 1); });
  connect(panel_, &LessonPanel::previousRequested, this, [this] { goToStep(step_ - 1); });
  connect(panel_, &LessonPanel::restartRequested, this, &LessonPlayer::restart);
  connect(panel_, &LessonPanel::actionRequested, this, &LessonPlayer::runAction);
  connect(training_->controller(), &TrainingController::epochFinished, this,
          [this](const EpochRecord& record) {
            // Until the run's first snapshot says where it continues from, the records are the
            // history it continues (the controller re-sends them when it prepares a run).
            if (epochs_left_ <= 0 || play_until_epoch_ < 0 || record.epoch < play_until_epoch_)
              return;
            epochs_left_ = 0;
            training_->controller()->pause();
          });
  connect(training_->controller(), &TrainingController::snapshotReady, this,
          [this](const SnapshotPtr& s) {
            if (epochs_left_ > 0 && play_until_epoch_ < 0 && s)
              play_until_epoch_ = s->epoch + epochs_left_;
          });
  // A run that stops going on its own ends the Play action: its epoch count, an error, or a
  // divergence, after which the controller pauses the run (a Play once waited forever for the
  // epochs of a diverged run: ui_test_lessons hung on the clipping lesson's exploding run).
  connect(training_->controller(), &TrainingController::stateChanged, this,
          [this](TrainingController::State s) {
            if (s != TrainingController::State::Running) epochs_left_ = 0;
          });
}

LessonPlayer::~LessonPlayer() = default;

void LessonPlayer::openBrowser() {
  if (!load_errors_.isEmpty())
    QMessageBox::warning(window_, tr("Some lessons could not be read"), load_errors_.join("\n"));
  LessonBrowser browser(lessons_, window_);
  if (browser.exec() != QDialog::Accepted || browser.chosen() < 0) return;
  if (!window_->fileActions()->maybeSave()) return;
  start(browser.chosen());
}

int LessonPlayer::lessonIndex(const std::string& id) const {
  for (size_t i = 0; i < lessons_.size(); ++i)
    if (lessons_[i].id == id) return static_cast<int>(i);
  return -1;
}

void LessonPlayer::start(int index) {
  // Presenting: leave first (which restores the layout it found), so that the new lesson's panels
  // are part of the layout the next leave restores; then present the new lesson.
  const bool presenting = presentation_->isActive();
  if (presenting) presentation_->leave();
  current_ = index;
  step_ = 0;
  const Lesson& l = lesson();
  dock_->setWindowTitle(tr("Lesson: %1").arg(QString::fromStdString(l.title)));
  window_->fileActions()->openProject(l.projects.front().project);
  clearMessages();
  showLessonPanels();
  panel_->showStep(l, 0);
  if (presenting) present_->setChecked(true);
}

void LessonPlayer::showLessonPanels() {
  // The previous lesson's panels go away: walked one after another in one window, the lessons'
  // panels piled up until the window no longer fitted the screen (at 1280x720 the right dock
  // column ended off screen).
  for (const QPointer<QDockWidget>& d : opened_panels_)
    if (d) d->hide();
  opened_panels_.clear();
  dock_->show();
  dock_->raise();
  QList<QDockWidget*> panels;
  for (const auto& name : lesson().show_panels)
    if (auto* d = window_->findChild<QDockWidget*>(QString::fromStdString(name))) {
      if (d->isHidden()) opened_panels_.append(d);
      d->show();
      d->raise();
      panels.append(d);
    }
  training_->keepInFront(panels);
}

QStringList LessonPlayer::hiddenDocks() const {
  QStringList docks;
  if (current_ < 0) return docks;
  for (const auto& c : lesson().hide_controls) {
    const QString dock = lesson_control_dock(QString::fromStdString(c));
    if (!dock.isEmpty()) docks << dock;
  }
  // Presenting, the lesson's panels are the only ones: the others' minimum sizes in the large
  // font made the window wider than a 1280x720 screen, and the right dock column ran off it.
  QStringList shown{dock_->objectName()};
  for (const auto& name : lesson().show_panels) shown << QString::fromStdString(name);
  for (QDockWidget* d : window_->findChildren<QDockWidget*>())
    if (!shown.contains(d->objectName()) && !docks.contains(d->objectName()))
      docks << d->objectName();
  return docks;
}

void LessonPlayer::goToStep(int step) {
  if (current_ < 0 || step < 0 || step >= static_cast<int>(lesson().steps.size())) return;
  step_ = step;
  panel_->showStep(lesson(), step_);
}

void LessonPlayer::runAction(int action_index) {
  if (current_ < 0) return;
  const auto& actions = lesson().steps.at(static_cast<size_t>(step_)).actions;
  if (action_index < 0 || action_index >= static_cast<int>(actions.size())) return;
  const LessonAction& a = actions[static_cast<size_t>(action_index)];
  TrainingController* c = training_->controller();
  ProjectDocument* doc = window_->document();
  switch (a.kind) {
    case LessonActionKind::Load:
      c->stop();
      epochs_left_ = 0;
      window_->fileActions()->openProject(lesson().project(a.project));
      clearMessages();
      break;
    case LessonActionKind::Set:
      try {
        c->stop();
        const Project p = apply_project_patch(doc->project(), a.patch, a.label);
        if (p.network != doc->network())
          doc->undoStack()->push(
              new ApplyTemplate(doc, p.network, QString::fromStdString(a.label)));
        if (p.training != doc->trainConfig())
          doc->undoStack()->push(
              new SetTrainConfig(doc, p.training, QString::fromStdString(a.label)));
        if (p.dataset != doc->datasetSpec())
          doc->undoStack()->push(
              new SetDatasetSpec(doc, p.dataset, QString::fromStdString(a.label)));
      } catch (const std::exception& e) {
        window_->statusBar()->showMessage(QString::fromUtf8(e.what()), 8000);
      }
      break;
    case LessonActionKind::Play:
      epochs_left_ = a.epochs;
      // A paused run goes on from its last epoch; a new one continues the document's checkpoint,
      // whose epoch its first snapshot tells (a Load or Set may have replaced the history).
      play_until_epoch_ = -1;
      if (c->state() == TrainingController::State::Paused) {
        play_until_epoch_ = (c->history().empty() ? 0 : c->history().back().epoch) + a.epochs;
        c->resume();
      } else {
        c->start();
      }
      // Refused (e.g. the memory check) or nothing left to train: the action is over.
      if (c->state() != TrainingController::State::Running) epochs_left_ = 0;
      break;
    case LessonActionKind::Reset:
      epochs_left_ = 0;
      c->reset();
      clearMessages();
      break;
    case LessonActionKind::Fgsm:
      runFgsm(a.epsilon);
      break;
  }
}

void LessonPlayer::restart() {
  if (current_ < 0) return;
  training_->controller()->stop();
  epochs_left_ = 0;
  step_ = 0;
  window_->fileActions()->openProject(lesson().projects.front().project);
  training_->controller()->reset();
  clearMessages();
  panel_->showStep(lesson(), 0);
}

void LessonPlayer::runFgsm(float epsilon) {
  TrainingController* c = training_->controller();
  epochs_left_ = 0;
  c->pause();  // the weights attacked are those shown
  auto* pad = window_->findChild<DrawingPadView*>();
  if (pad)
    if (auto* dock = qobject_cast<QDockWidget*>(pad->parentWidget())) {
      dock->show();
      dock->raise();
    }
  const SnapshotPtr s = c->lastSnapshot();
  if (!s) {
    last_fgsm_ = FgsmDemo{};
    last_fgsm_.error = tr("FGSM needs a trained digit classifier: press Play first.");
  } else {
    last_fgsm_ = run_fgsm_demo(pad, window_->document()->network(), *s, epsilon);
  }
  const QString text = last_fgsm_.summary(epsilon);
  panel_->showNote(text);
  window_->statusBar()->showMessage(text, 15000);
}

void LessonPlayer::clearMessages() {
  if (MessageBanner* area = window_->messageArea()) area->showMessage(MessageKind::Info, QString());
  window_->statusBar()->clearMessage();
}

void LessonPlayer::setPresenting(bool on) {
  if (on == presentation_->isActive()) return;
  if (on) {
    presentation_->enter(hiddenDocks());
    // The lesson's text gets most of its column's height.
    if (current_ >= 0) window_->resizeDocks({dock_}, {window_->height() * 3 / 5}, Qt::Vertical);
  } else
    presentation_->leave();
}

}  // namespace bp::ui
