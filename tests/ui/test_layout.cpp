// The window layout: it survives relaunch (three launches, every dock keeps a usable size and its
// place), the default layout fits 1280x720 with no docks painting over each other and the data,
// boundary, network, neuron maps and curves all on screen, and View > Reset layout brings a
// scrambled layout back.
#include <QDockWidget>
#include <QLabel>
#include <QMap>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include "ui/document/commands/apply_template.h"
#include "ui/document/project_document.h"
#include "ui/editor/network_view.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/starter_project.h"
#include "ui/main_window/studio_docks.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"
#include "ui/widgets/message_banner.h"

using namespace bp::ui;

class TestLayout : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void survivesRelaunch();
  void fits1280x720();
  void fits1600x1000();
  void resetLayoutUnscrambles();
  void olderSavedLayoutIsNotRestored();
  void canvasHints();
  void messageAreaShowsProblemsInFull();
};

namespace {

void resetLayoutForTest(MainWindow& window) {
  window.resetLayout();  // the default layout, sized for this window
}

QMap<QString, QRect> shown_dock_rects(QMainWindow& window) {
  QMap<QString, QRect> rects;
  for (QDockWidget* d : window.findChildren<QDockWidget*>())
    if (d->isVisible() && !d->visibleRegion().isEmpty()) rects[d->objectName()] = d->geometry();
  return rects;
}

QString describe(const QMap<QString, QRect>& rects) {
  QStringList parts;
  for (auto it = rects.begin(); it != rects.end(); ++it)
    parts << QString("%1 %2x%3+%4+%5")
                 .arg(it.key())
                 .arg(it->width())
                 .arg(it->height())
                 .arg(it->x())
                 .arg(it->y());
  return parts.join(", ");
}

QString names(const std::vector<QDockWidget*>& docks) {
  QStringList n;
  for (QDockWidget* d : docks)
    n << QString("%1 (%2x%3)").arg(d->objectName()).arg(d->width()).arg(d->height());
  return n.join(", ");
}

// One launch as app/gui/main.cpp does it; returns the docks' rectangles after it was shown.
QMap<QString, QRect> launch(QSize size, bool resize_to) {
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  if (resize_to) window.resize(size);
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return {};
  QTest::qWait(100);  // the deferred usability check
  const auto unusable = unusable_docks(window);
  if (!unusable.empty()) qWarning("unusable docks: %s", qPrintable(names(unusable)));
  const QMap<QString, QRect> rects = shown_dock_rects(window);
  window.close();  // saves geometry and layout
  return unusable.empty() ? rects : QMap<QString, QRect>{};
}

void check_fits(QSize size) {
  AppSettings().setGeometry({});
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  // The window was never grown past its size by the docks standing alone before they were tabbed.
  QVERIFY2(window.height() <= 1000, qPrintable(QString::number(window.height())));
  window.resize(size);  // a screen of this size
  resetLayoutForTest(window);
  QCOMPARE(window.size(), size);
  window.fileActions()->openProject(starter_project());
  QCOMPARE(window.size(), size);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QCOMPARE(window.size(), size);
  // With a run's content: long summaries, the dense builder, filled views.
  int epochs = 0;
  QObject::connect(training.controller(), &TrainingController::epochFinished,
                   [&epochs](const bp::EpochRecord&) { ++epochs; });
  training.controller()->setPace({PaceMode::Unlimited, 0});
  training.controller()->start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs >= 3, 20000);
  training.controller()->pause();
  QTest::qWait(200);
  QVERIFY2(window.minimumSizeHint().height() <= size.height(),
           qPrintable(QString("minimum height %1").arg(window.minimumSizeHint().height())));
  QCOMPARE(window.size(), size);
  const auto overlaps = overlapping_docks(window);
  QStringList pairs;
  for (const auto& [a, b] : overlaps) pairs << a->objectName() + " / " + b->objectName();
  QVERIFY2(overlaps.empty(), qPrintable(pairs.join(", ")));
  QVERIFY2(unusable_docks(window).empty(), qPrintable(names(unusable_docks(window))));
  const QMap<QString, QRect> rects = shown_dock_rects(window);
  for (const char* must : {"BoundaryDock", "NeuronsDock", "CurvesDock"})
    QVERIFY2(rects.contains(must),
             qPrintable(QString("%1 not shown: %2").arg(must, describe(rects))));
  // Every shown dock lies inside the window, and the network canvas keeps a usable size.
  for (auto it = rects.begin(); it != rects.end(); ++it)
    QVERIFY2(window.rect().contains(*it), qPrintable(it.key()));
  QWidget* canvas = window.centralWidget();
  QVERIFY2(canvas->width() >= 300 && canvas->height() >= 200,
           qPrintable(QString("canvas %1x%2").arg(canvas->width()).arg(canvas->height())));
  // No close(): the trained weights would ask whether to save them.
  training.controller()->stop();
}

}  // namespace

void TestLayout::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("BackpropStudioTest");
  QCoreApplication::setApplicationName("layout-test");
}

void TestLayout::survivesRelaunch() {
  AppSettings().setWindowState({});
  AppSettings().setGeometry({});
  const QMap<QString, QRect> first = launch({1600, 1000}, true);
  QVERIFY(!first.isEmpty());
  // The second launch used to restore before the training docks existed (ten docks side by
  // side); the third must match as well.
  for (int i = 2; i <= 3; ++i) {
    const QMap<QString, QRect> again = launch({}, false);
    QVERIFY2(again == first,
             qPrintable(
                 QString("launch %1: %2\nfirst: %3").arg(i).arg(describe(again), describe(first))));
  }
}

void TestLayout::fits1280x720() {
  AppSettings().setWindowState({});
  check_fits({1280, 720});
}

void TestLayout::fits1600x1000() {
  AppSettings().setWindowState({});
  check_fits({1600, 1000});
}

void TestLayout::resetLayoutUnscrambles() {
  AppSettings().setWindowState({});
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.resize(1600, 1000);
  window.resetLayout();
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  const QMap<QString, QRect> before = shown_dock_rects(window);
  // Scramble: float one dock, hide another, move a third to the top.
  auto* boundary = window.findChild<QDockWidget*>("BoundaryDock");
  auto* curves = window.findChild<QDockWidget*>("CurvesDock");
  auto* neurons = window.findChild<QDockWidget*>("NeuronsDock");
  boundary->setFloating(true);
  curves->hide();
  window.addDockWidget(Qt::TopDockWidgetArea, neurons);
  QTest::qWait(50);
  QVERIFY(shown_dock_rects(window) != before);
  window.resetLayout();
  QTest::qWait(100);
  QVERIFY(!boundary->isFloating());
  const QMap<QString, QRect> after = shown_dock_rects(window);
  // The same docks shown, each where it was (within a few pixels: the splits are computed from
  // the window's size, which the first arrangement saw before the window was laid out).
  QCOMPARE(after.keys(), before.keys());
  for (const QString& name : before.keys()) {
    const QRect a = after[name], b = before[name];
    QVERIFY2(std::abs(a.x() - b.x()) <= 40 && std::abs(a.y() - b.y()) <= 40 &&
                 std::abs(a.width() - b.width()) <= 40 && std::abs(a.height() - b.height()) <= 40,
             qPrintable(describe(after) + "\nbefore: " + describe(before)));
  }
  window.close();
}

void TestLayout::olderSavedLayoutIsNotRestored() {
  // A state saved under another layout version (an older studio's) is ignored: default layout.
  {
    MainWindow window;
    TrainingUi training(&window);
    window.arrangeDefaultLayout();
    auto* boundary = window.findChild<QDockWidget*>("BoundaryDock");
    boundary->setFloating(true);
    AppSettings().setWindowState(window.saveState(MainWindow::kLayoutVersion - 1));
  }
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QVERIFY(!window.findChild<QDockWidget*>("BoundaryDock")->isFloating());
  // The same state saved under this version is restored (the test above can fail).
  window.findChild<QDockWidget*>("BoundaryDock")->setFloating(true);
  AppSettings().setWindowState(window.saveState(MainWindow::kLayoutVersion));
  window.close();
  MainWindow again;
  TrainingUi training_again(&again);
  again.arrangeDefaultLayout();
  again.show();
  QVERIFY(QTest::qWaitForWindowExposed(&again));
  QVERIFY(again.findChild<QDockWidget*>("BoundaryDock")->isFloating());
  again.findChild<QDockWidget*>("BoundaryDock")->setFloating(false);
}

void TestLayout::canvasHints() {
  QSettings().remove("hints");
  AppSettings().setWindowState({});
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.fileActions()->openProject(starter_project());
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  auto* hint = window.findChild<QLabel*>("CanvasHint");
  QVERIFY(hint);
  // First launch: one line on how to start.
  QTRY_VERIFY(hint->isVisible());
  QVERIFY2(hint->text().contains("Space"), qPrintable(hint->text()));
  QVERIFY(hint->width() > 200 && hint->height() > 10);
  // Centred at the top of the canvas, inside it.
  QVERIFY(window.networkView()->rect().contains(hint->geometry()));
  if (qEnvironmentVariableIsSet("BP_SCREENSHOT_DIR"))
    window.grab().save(qEnvironmentVariable("BP_SCREENSHOT_DIR") + "/first-launch-hint.png");
  // An empty canvas says where to drag.
  ProjectDocument* doc = window.document();
  doc->undoStack()->push(new ApplyTemplate(doc, bp::NetworkSpec{}, "empty"));
  QTRY_VERIFY(hint->isVisible());
  QVERIFY2(hint->text().contains("drag", Qt::CaseInsensitive), qPrintable(hint->text()));
  // After the first edit, the first-launch line is gone for good (a network: no hint at all).
  doc->undoStack()->undo();
  QTRY_VERIFY(!hint->isVisible());
  window.close();
}

void TestLayout::messageAreaShowsProblemsInFull() {
  AppSettings().setWindowState({});
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.resize(1280, 720);
  window.resetLayout();
  bp::Project p = starter_project();
  p.network.nodes[1].params.out_features = 20000;  // fc1: 20,000 units
  training.controller()->setMemoryAvailableForTesting(1'000'000'000LL);
  window.fileActions()->openProject(p);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  MessageBanner* area = window.messageArea();
  // While building: a hint with the figures, not "Training failed".
  QTRY_VERIFY_WITH_TIMEOUT(area->isVisible(), 5000);
  QCOMPARE(area->kind(), MessageKind::Hint);
  QVERIFY2(area->text().contains("GB") && !area->text().contains("Training failed"),
           qPrintable(area->text()));
  // Untruncated: the whole advice is there, word-wrapped inside the window.
  QVERIFY2(area->text().contains("narrower"), qPrintable(area->text()));
  QVERIFY(area->width() <= window.width());
  if (qEnvironmentVariableIsSet("BP_SCREENSHOT_DIR"))
    window.grab().save(qEnvironmentVariable("BP_SCREENSHOT_DIR") + "/studio-message-area.png");
  // Play: now it is a failed run, an error in the same place.
  training.controller()->start();
  QTRY_COMPARE_WITH_TIMEOUT(area->kind(), MessageKind::Error, 5000);
  QVERIFY(area->history().size() >= 2);
}

QTEST_MAIN(TestLayout)
#include "test_layout.moc"
