// Renders the main window with the spiral project in the light and the dark theme at 1400x900
// into $BP_SCREENSHOT_DIR (or this test's build directory): main-window-light.png and
// main-window-dark.png. Not pixel-compared; asserts the images exist and are not blank.
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>
#include <algorithm>

#include "ui/document/commands/apply_template.h"
#include "ui/document/commands/connect_nodes.h"
#include "ui/document/commands/remove_nodes.h"
#include "ui/document/project_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/editor/templates.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/starter_project.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"
#include "ui/views/confusion_matrix_view.h"
#include "ui/views/feature_map_view.h"
#include "ui/views/histogram_view.h"

using namespace bp;
using namespace bp::ui;

namespace {

QString output_dir() {
  const QString env = qEnvironmentVariable("BP_SCREENSHOT_DIR");
  return env.isEmpty() ? QCoreApplication::applicationDirPath() : env;
}

int distinct_colors(const QImage& image) {
  QSet<QRgb> colors;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) colors.insert(image.pixel(x, y));
  return static_cast<int>(colors.size());
}

}  // namespace

class TestScreenshots : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("screenshot-test");
  }

  void renderLightAndDark() {
    QElapsedTimer startup;
    startup.start();
    MainWindow window;
    TrainingUi training(&window);
    window.arrangeDefaultLayout();
    window.fileActions()->openProject(starter_project());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Reported, not asserted (no test checks wall-clock time).
    qInfo("main window with the spiral project shown after %lld ms", startup.elapsed());
    // Train a little so the curves, the decision boundary and the neuron maps have content.
    int epochs = 0;
    connect(training.controller(), &TrainingController::epochFinished, this,
            [&epochs](const bp::EpochRecord&) { ++epochs; });
    training.controller()->setPace({PaceMode::Unlimited, 0});  // the studio default is slower
    training.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(epochs >= 60, 60000);
    training.controller()->pause();
    QTest::qWait(300);
    window.networkView()->fitAll();
    window.networkScene()->selectNodes({2});
    QDir().mkpath(output_dir());
    for (const bool dark : {false, true}) {
      window.setDarkTheme(dark);
      QTest::qWait(50);
      window.networkView()->fitAll();
      const QImage image = window.grab().toImage();
      // Docks may enlarge the window beyond the requested size; never shrink it.
      QVERIFY(image.width() >= 1600 && image.height() >= 1000);
      QVERIFY2(distinct_colors(image) > 40, "the window rendered (almost) blank");
      const QString path =
          output_dir() + (dark ? "/main-window-dark.png" : "/main-window-light.png");
      QVERIFY(image.save(path));
      QVERIFY(QFileInfo(path).size() > 20'000);
    }
    window.setDarkTheme(false);
  }

  // LeNet-5 on the bundled digits, trained in the studio for a few hundred batches.
  void renderLenetOnDigits() {
    MainWindow window;
    TrainingUi training(&window);
    window.arrangeDefaultLayout();
    QString error;
    QVERIFY2(window.fileActions()->openPath(BP_SOURCE_DIR "/resources/examples/lenet5-digits.json",
                                            &error),
             qPrintable(error));
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    int epochs = 0;
    connect(training.controller(), &TrainingController::epochFinished, this,
            [&epochs](const bp::EpochRecord&) { ++epochs; });
    // Responsiveness while LeNet trains: the largest gap between 10 ms timer ticks on the GUI
    // thread, and how often the views got a snapshot. Reported, not asserted (wall clock).
    QElapsedTimer clock;
    qint64 last_tick = 0, worst_gap = 0;
    int snapshots = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] {
      const qint64 now = clock.elapsed();
      worst_gap = std::max(worst_gap, now - last_tick);
      last_tick = now;
    });
    connect(training.controller(), &TrainingController::snapshotReady, this,
            [&snapshots](const bp::ui::SnapshotPtr&) { ++snapshots; });
    clock.start();
    ticker.start(10);
    training.controller()->setPace({PaceMode::Unlimited, 0});  // the studio default is slower
    training.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(epochs >= 1, 240000);
    training.controller()->pause();
    ticker.stop();
    qInfo("LeNet-5 in the studio: worst GUI event-loop gap %lld ms, %.1f snapshots/s over %lld ms",
          worst_gap, 1000.0 * snapshots / std::max<qint64>(1, clock.elapsed()), clock.elapsed());
    QTest::qWait(300);
    window.networkView()->fitAll();
    if (auto* dataset = window.findChild<QDockWidget*>("DatasetDock")) dataset->raise();
    QTest::qWait(100);
    const QImage image = window.grab().toImage();
    QVERIFY2(distinct_colors(image) > 40, "the window rendered (almost) blank");
    const QString path = output_dir() + "/lenet5-digits.png";
    QVERIFY(image.save(path));

    // What the CNN sees: the feature-map view has every conv/ReLU/pool output of LeNet-5 and
    // both layers' kernels (6x1 + 16x6), and the training view raised it for image data.
    FeatureMapView* maps = training.featureMapView();
    QVERIFY(maps->mapTileCount() >= 6 + 6 + 6 + 16 + 16 + 16);
    QCOMPARE(maps->kernelTileCount(), 6 * 1 + 16 * 6);
    QVERIFY(maps->showsSaliency());
    // the confusion matrix of the held-out digits, raised for image data
    ConfusionMatrixView* confusion = training.confusionView();
    QVERIFY(confusion->hasMatrix());
    QVERIFY(!confusion->visibleRegion().isEmpty());
    QVERIFY2(confusion->summary().contains("accuracy"), qPrintable(confusion->summary()));
    QVERIFY(!maps->visibleRegion().isEmpty());
    maps->selectSample(2);
    QCOMPARE(maps->selectedSample(), 2);
    QVERIFY2(maps->predictionText().contains("predicted"), qPrintable(maps->predictionText()));
    QTest::qWait(100);
    const QImage maps_image = window.grab().toImage();
    QVERIFY(maps_image.save(output_dir() + "/lenet5-feature-maps.png"));
    // the whole view, undocked and tall enough for every layer and the kernels
    auto* maps_dock = window.findChild<QDockWidget*>("FeatureMapsDock");
    QVERIFY(maps_dock);
    maps_dock->setFloating(true);
    maps_dock->resize(760, 1500);
    QTest::qWait(200);
    QVERIFY(maps_dock->grab().toImage().save(output_dir() + "/lenet5-feature-maps-view.png"));
    auto* confusion_dock = window.findChild<QDockWidget*>("ConfusionDock");
    QVERIFY(confusion_dock);
    confusion_dock->setFloating(true);
    confusion_dock->resize(520, 560);
    QTest::qWait(200);
    QVERIFY(confusion_dock->grab().toImage().save(output_dir() + "/lenet5-confusion.png"));
    // the weight histograms: one per parameter tensor of LeNet-5 (5 layers x weight, bias)
    auto* weights_dock = window.findChild<QDockWidget*>("WeightsDock");
    QVERIFY(weights_dock);
    weights_dock->setFloating(true);
    weights_dock->resize(720, 420);
    weights_dock->show();
    weights_dock->raise();
    QTest::qWait(200);
    QCOMPARE(static_cast<int>(training.histogramView()->histograms().size()), 10);
    QVERIFY(weights_dock->grab().toImage().save(output_dir() + "/lenet5-weights.png"));
  }

  // A larger network with a residual join and one deliberate shape error (a red badge).
  void renderResidualWithError() {
    MainWindow window;
    window.fileActions()->openProject(starter_project());
    for (const auto& t : network_templates())
      if (t.name == "Residual CNN") {
        window.document()->undoStack()->push(
            new ApplyTemplate(window.document(), t.network, t.name));
      }
    const NodeSpec* flatten = nullptr;
    for (const auto& n : window.document()->network().nodes)
      if (n.kind == NodeKind::Flatten) flatten = &n;
    QVERIFY(flatten);
    // Delete the Flatten and wire the pool straight into the Linear layer: a shape error.
    const int pool = window.document()->network().inputs_of(flatten->id).front();
    const int linear = window.document()->network().consumers_of(flatten->id).front();
    window.document()->undoStack()->push(new RemoveNodes(window.document(), {flatten->id}));
    window.document()->undoStack()->push(
        new ConnectNodes(window.document(), EdgeSpec{0, pool, linear, 0}));
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.networkView()->fitAll();
    window.networkScene()->selectNodes({linear});
    const QImage image = window.grab().toImage();
    QVERIFY(image.save(output_dir() + "/main-window-residual-error.png"));
  }
};

QTEST_MAIN(TestScreenshots)
#include "test_screenshots.moc"
