// The lesson player offscreen: every bundled lesson reads, names only docks and controls that
// exist, and can be stepped through with every "show me" action carried out, Play included
// (each Play trains the stated epochs then pauses, or ends when the run stops by itself, within
// a time guard: a Play on a run that diverges, which the controller pauses, once waited forever
// for its epochs, and stepping through every lesson's Play hung past QtTest's limit);
// Restart brings back the identical initial weights; presentation mode reduces the toolbar and
// restores everything when left. With BP_LESSON_SCREENSHOTS=<dir> it also saves each lesson in
// presentation mode after its last Play (under Xvfb at 1280x720 for docs/screenshots; with
// BP_LESSON_ONLY=<id>,<id>,... it walks those lessons alone, in one window, as a class would).
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolBar>
#include <QtTest>

#include "ui/document/project_document.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_panel.h"
#include "ui/lessons/lesson_player.h"
#include "ui/lessons/presentation_mode.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"

using namespace bp;
using namespace bp::ui;

// Presentation mode on, the screen (under Xvfb at 1280x720: `import -window root`, as a projector
// would show it) or else the window saved to `path`, presentation mode off.
void screenshot(LessonPlayer& player, MainWindow& window, const QString& path) {
  QDir().mkpath(QFileInfo(path).path());
  player.presentAction()->trigger();
  QTest::qWait(600);
  if (qEnvironmentVariableIsEmpty("DISPLAY") ||
      QProcess::execute("import", {"-window", "root", path}) != 0)
    QVERIFY(window.grab().save(path));
  player.presentAction()->trigger();
}

class TestLessons : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("lessons-test");
  }

  void every_bundled_lesson_reads() {
    QStringList errors;
    const auto lessons = bundled_lessons(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join("\n")));
    const int files = static_cast<int>(
        QDir(BP_SOURCE_DIR "/resources/lessons").entryList({"*.json"}, QDir::Files).size());
    QCOMPARE(static_cast<int>(lessons.size()), files);
    QVERIFY(files >= 8);
  }

  void every_lesson_steps_through() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.arrangeDefaultLayout();
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // As fast as possible (the toolbar's last pace): a test need not watch the curves grow.
    auto* pace = window.findChild<QComboBox*>("PaceBox");
    QVERIFY(pace);
    pace->setCurrentIndex(pace->count() - 1);
    QElapsedTimer clock;
    clock.start();
    const QString shots = qEnvironmentVariable("BP_LESSON_SCREENSHOTS");
    // BP_LESSON_ONLY=<id>[,<id>...]: walk those lessons alone, one after another in this one
    // window (for their screenshots).
    const QStringList only =
        qEnvironmentVariable("BP_LESSON_ONLY").split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (int i = 0; i < static_cast<int>(player.lessons().size()); ++i) {
      const Lesson& l = player.lessons()[static_cast<size_t>(i)];
      const QString id = QString::fromStdString(l.id);
      if (!only.isEmpty() && !only.contains(id)) continue;
      for (const auto& name : l.show_panels)
        QVERIFY2(window.findChild<QDockWidget*>(QString::fromStdString(name)),
                 qPrintable(id + ": no dock " + QString::fromStdString(name)));
      for (const auto& c : l.hide_controls)
        QVERIFY2(!lesson_control_dock(QString::fromStdString(c)).isEmpty(),
                 qPrintable(id + ": unknown control " + QString::fromStdString(c)));
      player.start(i);
      QCOMPARE(player.step(), 0);
      QVERIFY(player.dock()->isVisible());
      bool played = false;
      for (int s = 0; s < static_cast<int>(l.steps.size()); ++s) {
        QCOMPARE(player.step(), s);
        QCOMPARE(player.panel()->actionButtons().size(),
                 static_cast<qsizetype>(l.steps[static_cast<size_t>(s)].actions.size()));
        const auto& actions = l.steps[static_cast<size_t>(s)].actions;
        for (int a = 0; a < static_cast<int>(actions.size()); ++a) {
          const LessonAction& act = actions[static_cast<size_t>(a)];
          const size_t before = training.controller()->history().size();
          player.panel()->actionButtons()[a]->click();
          if (act.kind == LessonActionKind::Load)
            QCOMPARE(window.document()->project().name, l.project(act.project).name);
          if (act.kind == LessonActionKind::Play) {
            played = true;
            QElapsedTimer play;
            play.start();
            // A guard, far above what any lesson's Play needs (a few seconds each here).
            QTRY_COMPARE_WITH_TIMEOUT(player.epochsLeft(), 0, 60000);
            qInfo("%s: %s took %.1f s", qPrintable(id), act.label.c_str(),
                  static_cast<double>(play.elapsed()) / 1000.0);
            // Paused by the player, or ended by the project's own epoch count.
            QTRY_VERIFY_WITH_TIMEOUT(
                training.controller()->state() != TrainingController::State::Running, 10000);
            // Trained the epochs, or stopped early and said why (a lesson's "bad" run may
            // diverge on purpose).
            const auto& h = training.controller()->history();
            QVERIFY2(h.size() >= before + size_t(act.epochs) ||
                         !training.controller()->lastMessage().isEmpty(),
                     qPrintable(id + ": " + QString::number(h.size())));
            // The lesson's screenshot shows its last trained state, in presentation mode.
            if (!shots.isEmpty()) screenshot(player, window, shots + "/lesson-" + id + ".png");
          }
          if (act.kind == LessonActionKind::Fgsm) {
            QVERIFY2(player.lastFgsm().shown(), qPrintable(id + ": " + player.lastFgsm().error));
            // ... or the digit the attack fooled.
            if (!shots.isEmpty()) screenshot(player, window, shots + "/lesson-" + id + ".png");
          }
        }
        if (s + 1 < static_cast<int>(l.steps.size())) player.panel()->nextButton()->click();
      }
      QVERIFY(played);
      QVERIFY(!player.panel()->nextButton()->isEnabled());
      training.controller()->stop();
      // The whole walk must stay well inside QtTest's limit for a test function (300 s, an hour
      // in sanitizer builds: QTEST_FUNCTION_TIMEOUT).
      const qint64 limit_ms = qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT")
                                  ? qEnvironmentVariable("QTEST_FUNCTION_TIMEOUT").toLongLong()
                                  : 300000;
      QVERIFY2(clock.elapsed() < limit_ms * 4 / 5, qPrintable(id + ": the walk is too slow"));
    }
  }

  void restart_gives_identical_weights() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.show();
    const int index = player.lessonIndex("seeds");
    QVERIFY(index >= 0);
    player.start(index);
    training.controller()->preview();
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->lastSnapshot() != nullptr, 10000);
    const auto initial = training.controller()->lastSnapshot()->weights;
    QVERIFY(!initial.empty());
    player.panel()->actionButtons()[1]->click();  // Train 15 epochs
    QTRY_COMPARE_WITH_TIMEOUT(player.epochsLeft(), 0, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->lastSnapshot()->weights != initial, 10000);
    player.panel()->restartButton()->click();
    QCOMPARE(player.step(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->lastSnapshot() &&
                                 training.controller()->lastSnapshot()->weights == initial,
                             10000);
  }

  // Fault (found under ASan): a lesson raised its panels, then the first snapshot of its image
  // project raised the image docks (feature maps, confusion matrix) over them, so the drawing
  // pad and the saliency view the lesson talks about were hidden behind other tabs.
  void the_first_snapshot_keeps_the_lessons_panels_in_front() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.arrangeDefaultLayout();
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // A lesson on 2-D data first: its snapshot raises the plane views.
    player.start(player.lessonIndex("seeds"));
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->lastSnapshot() &&
                                 !training.controller()->lastSnapshot()->feature_maps,
                             20000);
    QTest::qWait(100);
    player.start(player.lessonIndex("explain-fool"));
    QVERIFY(!player.lesson().show_panels.empty());
    // The lesson's image project's first snapshot comes after the panels were raised.
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->lastSnapshot() &&
                                 training.controller()->lastSnapshot()->feature_maps,
                             20000);
    QTest::qWait(100);
    for (const auto& name : player.lesson().show_panels) {
      const auto* d = window.findChild<QDockWidget*>(QString::fromStdString(name));
      QVERIFY(d);
      QVERIFY2(d->isVisible(), qPrintable(QString::fromStdString(name) + " is behind another tab"));
    }
  }

  void presentation_mode_reduces_and_restores() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.arrangeDefaultLayout();
    window.show();
    player.start(0);
    const QFont font = QApplication::font();
    QVERIFY(window.menuBar()->isVisible());
    player.presentAction()->trigger();
    QVERIFY(player.presentation()->isActive());
    QVERIFY(!window.menuBar()->isVisible());
    QVERIFY(player.presentation()->halo());
    QVERIFY(QApplication::font().pointSizeF() > font.pointSizeF() * 1.5);
    auto* bar = window.findChild<QToolBar*>("TrainingToolBar");
    QVERIFY(bar);
    QStringList visible;
    for (QAction* a : bar->actions())
      if (a->isVisible() && !a->isSeparator()) visible << a->text();
    QVERIFY2(visible.size() == 4, qPrintable(visible.join(", ")));  // Play, Step, Reset, Next
    QVERIFY(bar->actions().contains(player.nextStepAction()));
    for (const auto& c : player.lesson().hide_controls)
      QVERIFY(!window.findChild<QDockWidget*>(lesson_control_dock(QString::fromStdString(c)))
                   ->isVisible());
    // → moves to the next step; Esc leaves.
    player.presentation()->nextKeyAction()->trigger();
    QCOMPARE(player.step(), 1);
    player.presentation()->leaveAction()->trigger();
    QVERIFY(!player.presentation()->isActive());
    QVERIFY(!player.presentAction()->isChecked());
    QVERIFY(window.menuBar()->isVisible());
    QCOMPARE(QApplication::font(), font);
    QVERIFY(!bar->actions().contains(player.nextStepAction()));
  }
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
