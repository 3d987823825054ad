// The pace control: at "one step per frame" a run advances by exactly one step per frame, a
// steps-per-second pace holds, the pace changes while a run goes on, and samples/s is the true
// rate (steps x batch / wall time).
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"

using bp::ui::Pace;
using bp::ui::PaceMode;
using bp::ui::ProjectDocument;
using bp::ui::SnapshotPtr;
using bp::ui::TrainingController;

class TestPace : public QObject {
  Q_OBJECT

 private slots:
  void oneStepPerFrame();
  void stepsPerSecondHolds();
  void paceChangesWhileRunning();
  void samplesPerSecondIsTheTrueRate();
  void gateNeverBursts();
  void statusBarRateIsLabelledWhenIdle();
};

namespace {

std::vector<int64_t> snapshot_steps(const QSignalSpy& spy) {
  std::vector<int64_t> steps;
  for (const auto& args : spy) steps.push_back(args.at(0).value<SnapshotPtr>()->step);
  return steps;
}

}  // namespace

void TestPace::oneStepPerFrame() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingController ctrl(&doc);
  ctrl.setPace({PaceMode::OneStepPerFrame, 0});
  ctrl.start();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr, 10000);
  QSignalSpy snaps(&ctrl, &TrainingController::snapshotReady);
  QElapsedTimer clock;
  clock.start();
  QTest::qWait(1000);
  const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
  ctrl.pause();
  const std::vector<int64_t> steps = snapshot_steps(snaps);
  QVERIFY2(steps.size() >= 20,
           qPrintable(QString("only %1 frames in %2 s").arg(steps.size()).arg(seconds)));
  // Every frame shows exactly one more step.
  for (size_t i = 1; i < steps.size(); ++i)
    QVERIFY2(
        steps[i] == steps[i - 1] + 1,
        qPrintable(QString("frame %1: step %2 after %3").arg(i).arg(steps[i]).arg(steps[i - 1])));
  // About 30 frames (steps) per second, not a burst.
  QVERIFY2(static_cast<double>(steps.back() - steps.front()) / seconds < 40.0,
           qPrintable(QString("%1 steps in %2 s").arg(steps.back() - steps.front()).arg(seconds)));
}

void TestPace::stepsPerSecondHolds() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingController ctrl(&doc);
  ctrl.setPace({PaceMode::StepsPerSecond, 200});
  QSignalSpy snaps(&ctrl, &TrainingController::snapshotReady);
  ctrl.start();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr && ctrl.lastSnapshot()->step > 0, 10000);
  const int64_t step0 = ctrl.lastSnapshot()->step;
  const int frames0 = static_cast<int>(snaps.count());
  QElapsedTimer clock;
  clock.start();
  QTest::qWait(1500);
  const int64_t steps = ctrl.lastSnapshot()->step - step0;
  const int frames = static_cast<int>(snaps.count()) - frames0;
  const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
  ctrl.pause();
  const double rate = static_cast<double>(steps) / seconds;
  QVERIFY2(rate > 150.0 && rate < 250.0,
           qPrintable(QString("%1 steps/s at a 200/s pace").arg(rate)));
  // The views get >= ~30 frames per second at this pace (a little slack for a busy machine).
  QVERIFY2(frames / seconds >= 24.0, qPrintable(QString("%1 frames/s").arg(frames / seconds)));
}

void TestPace::paceChangesWhileRunning() {
  ProjectDocument doc;
  doc.reset(bp::test::toy_project(), QString());
  TrainingController ctrl(&doc);
  ctrl.setPace({PaceMode::StepsPerSecond, 10});
  ctrl.start();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr && ctrl.lastSnapshot()->step > 0, 10000);
  QTest::qWait(500);
  const int64_t slow = ctrl.lastSnapshot()->step;
  QVERIFY2(slow <= 10, qPrintable(QString("%1 steps in ~0.5 s at 10/s").arg(slow)));
  ctrl.setPace({PaceMode::Unlimited, 0});
  QTest::qWait(500);
  const int64_t fast = ctrl.lastSnapshot()->step - slow;
  ctrl.pause();
  QVERIFY2(fast > 500, qPrintable(QString("only %1 steps in 0.5 s at full speed").arg(fast)));
}

void TestPace::samplesPerSecondIsTheTrueRate() {
  ProjectDocument doc;
  bp::Project p = bp::test::toy_project();
  p.dataset.samples = 1000;  // 800 training samples: 80 full batches of 10 per epoch
  doc.reset(p, QString());
  TrainingController ctrl(&doc);
  ctrl.setPace({PaceMode::Unlimited, 0});
  ctrl.preview();
  QTRY_VERIFY_WITH_TIMEOUT(ctrl.lastSnapshot() != nullptr, 10000);
  const int64_t step0 = ctrl.lastSnapshot()->step;
  QSignalSpy states(&ctrl, &TrainingController::stateChanged);
  QElapsedTimer clock;
  clock.start();
  ctrl.start();
  QTest::qWait(2500);
  ctrl.pause();
  const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
  // The run's last snapshot (sent when it paused) carries its steps and rate.
  QTest::qWait(300);
  const SnapshotPtr last = ctrl.lastSnapshot();
  const double expected = static_cast<double>((last->step - step0) * 10) / seconds;
  const double shown = last->samples_per_second;
  QVERIFY2(shown > 0.8 * expected && shown < 1.2 * expected,
           qPrintable(QString("shown %1 samples/s, measured %2").arg(shown).arg(expected)));
}

void TestPace::gateNeverBursts() {
  using Clock = bp::ui::PaceGate::Clock;
  bp::ui::PaceGate gate;
  const auto t0 = Clock::now();
  gate.start({PaceMode::StepsPerSecond, 1000}, t0);
  QCOMPARE(gate.allowed(t0), int64_t{1});  // the first step at once
  gate.taken(1);
  // After a 2-second stall the gate owes one frame's worth (33 steps), not 2000.
  const int64_t owed = gate.allowed(t0 + std::chrono::seconds(2));
  QVERIFY2(owed > 0 && owed <= 34, qPrintable(QString::number(owed)));
  gate.start({PaceMode::OneStepPerFrame, 0}, t0);
  QCOMPARE(gate.allowed(t0), int64_t{1});
  gate.taken(1);
  QCOMPARE(gate.allowed(t0 + std::chrono::milliseconds(10)), int64_t{0});
  QCOMPARE(gate.allowed(t0 + std::chrono::milliseconds(40)), int64_t{1});
}

void TestPace::statusBarRateIsLabelledWhenIdle() {
  QStandardPaths::setTestModeEnabled(true);
  bp::ui::MainWindow window;
  bp::ui::TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.fileActions()->openProject(bp::test::toy_project());
  // The studio's toolbar offers every preset and starts at the default pace.
  QCOMPARE(training.paceBox()->count(), static_cast<int>(bp::ui::pace_presets().size()));
  QVERIFY(training.controller()->pace() == bp::ui::default_pace());
  // 10,000 steps/s: fast, yet the run cannot finish (and read "Last run") before it is checked.
  training.paceBox()->setCurrentIndex(training.paceBox()->count() - 2);
  QVERIFY(training.controller()->pace() == (Pace{PaceMode::StepsPerSecond, 10000}));
  QVERIFY(training.rateLabel()->text().isEmpty());  // no run yet: no rate
  training.controller()->start();
  QTRY_VERIFY_WITH_TIMEOUT(training.rateLabel()->text().endsWith("samples/s"), 10000);
  QVERIFY2(!training.rateLabel()->text().startsWith("Last run"),
           qPrintable(training.rateLabel()->text()));
  training.controller()->pause();
  QTRY_VERIFY_WITH_TIMEOUT(training.rateLabel()->text().startsWith("Last run: "), 5000);
  // A preview (fresh model, no run) keeps the last run's rate, labelled.
  training.controller()->stop();
  training.controller()->preview();
  QTest::qWait(300);
  QVERIFY2(training.rateLabel()->text().startsWith("Last run: "),
           qPrintable(training.rateLabel()->text()));
}

QTEST_MAIN(TestPace)
#include "test_pace.moc"
