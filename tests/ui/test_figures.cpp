// Figures and views that follow the experiment: every view exports a titled figure at the
// chosen size (1600x1000, and 3200x2000 at 2x) without its controls, and is back as it was
// afterwards; the curves clear (and say why) when the dataset changes; the boundary says
// "No training yet" before anything ran.
#include <QDockWidget>
#include <QLabel>
#include <QScrollArea>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/ui/training_test_util.h"
#include "ui/document/commands/set_dataset_spec.h"
#include "ui/document/project_document.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/studio_docks.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"
#include "ui/views/decision_boundary_view.h"
#include "ui/views/figure_export.h"
#include "ui/views/loss_chart.h"
#include "ui/views/snapshot_view.h"

using namespace bp;
using namespace bp::ui;

class TestFigures : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void figuresHaveTheChosenSizeAndNoControls();
  void curvesClearOnDatasetChange();
};

namespace {

QWidget* source_of(SnapshotView* v) {
  if (auto* scroll = qobject_cast<QScrollArea*>(v->viewWidget()); scroll && scroll->widget())
    return scroll->widget();
  return v->viewWidget();
}

// Trains the window's project for a few epochs.
void train_a_little(TrainingUi& training) {
  int epochs = 0;
  QObject context;  // disconnects the counter when this function returns
  QObject::connect(training.controller(), &TrainingController::epochFinished, &context,
                   [&epochs](const EpochRecord&) { ++epochs; });
  // Fast, but not so fast that a loaded machine finishes all 100,000 epochs of the toy project
  // before the pause lands (the curves would then start over with the next preview).
  training.controller()->setPace({PaceMode::StepsPerSecond, 10000});
  training.controller()->start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs >= 3, 20000);
  training.controller()->pause();
  QTest::qWait(200);
}

}  // namespace

void TestFigures::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("BackpropStudioTest");
  QCoreApplication::setApplicationName("figures-test");
}

void TestFigures::figuresHaveTheChosenSizeAndNoControls() {
  MainWindow window;
  TrainingUi training(&window);
  window.resize(1280, 720);
  window.arrangeDefaultLayout();
  window.fileActions()->openProject(test::toy_project());
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  train_a_little(training);
  QTemporaryDir dir;
  const QString out = qEnvironmentVariable("BP_SCREENSHOT_DIR");
  int index = 0;
  for (SnapshotView* v : training.views()) {
    const QString stem =
        QString::fromLatin1(studio_views()[static_cast<size_t>(index++)].file_stem);
    QWidget* source = source_of(v);
    QTest::qWait(50);  // the view's pending layout (new summary text) settles first
    const QRect before = v->viewWidget()->geometry();
    // The live view shows controls (check boxes, scroll bars) where it has them...
    const int live_controls = static_cast<int>(visible_controls(v->viewWidget()).size());
    v->setFigureMode(true);
    // ...the figure none.
    QStringList shown;
    for (QWidget* c : visible_controls(source)) shown << c->metaObject()->className();
    QVERIFY2(shown.isEmpty(), qPrintable(stem + ": " + shown.join(", ")));
    v->setFigureMode(false);
    QCOMPARE(static_cast<int>(visible_controls(v->viewWidget()).size()), live_controls);

    FigureOptions options;
    options.title = stem;
    const QImage image = render_figure(v, options);
    QCOMPARE(image.size(), QSize(1600, 1000));
    options.scale = 2.0;
    const QImage twice = render_figure(v, options);
    QCOMPARE(twice.size(), QSize(3200, 2000));
    // Not blank: the title and the drawing put more than a background into it.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 2, qPrintable(stem));

    QString error;
    const QString path = dir.filePath(stem + ".png");
    QVERIFY2(export_figure(v, path, ImageFormat::Png, FigureOptions{}, &error), qPrintable(error));
    QCOMPARE(QImage(path).size(), QSize(1600, 1000));
    if (v->exportsSvg()) {
      QVERIFY2(
          export_figure(v, dir.filePath(stem + ".svg"), ImageFormat::Svg, FigureOptions{}, &error),
          qPrintable(error));
      QVERIFY(QFileInfo(dir.filePath(stem + ".svg")).size() > 1000);
    }
    if (!out.isEmpty()) image.save(out + "/figure-" + stem + ".png");
    // The view is back in its dock as it was.
    QCOMPARE(v->viewWidget()->geometry(), before);
  }
}

void TestFigures::curvesClearOnDatasetChange() {
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  auto* boundary = training.boundaryView();
  auto* placeholder = boundary->findChild<QLabel*>();
  Q_UNUSED(placeholder);
  window.fileActions()->openProject(test::toy_project());
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  train_a_little(training);
  LossChart* curves = training.lossChart();
  QVERIFY2(
      curves->trainLossCount() >= 3,
      qPrintable(
          QString("%1 epochs drawn, the run is at epoch %2 step %3, history %4, "
                  "state %5, weights %6, train_state %7")
              .arg(curves->trainLossCount())
              .arg(training.controller()->lastSnapshot()->epoch)
              .arg(training.controller()->lastSnapshot()->step)
              .arg(training.controller()->history().size())
              .arg(static_cast<int>(training.controller()->state()))
              .arg(window.document()->weights().size())
              .arg(window.document()->trainState() ? window.document()->trainState()->epoch : -1)));
  // Another dataset: another experiment. The curves must not join the two.
  ProjectDocument* doc = window.document();
  DatasetSpec spec = doc->datasetSpec();
  spec.toy = ToyKind::Xor;
  doc->undoStack()->push(new SetDatasetSpec(doc, spec, "XOR"));
  QTRY_COMPARE_WITH_TIMEOUT(curves->trainLossCount(), size_t{0}, 5000);
  QTest::qWait(500);  // the preview of the new data comes and goes
  QCOMPARE(curves->trainLossCount(), size_t{0});
  QCOMPARE(curves->stepLossCount(), size_t{0});
  bool says_why = false;
  for (QLabel* l : curves->findChildren<QLabel*>())
    says_why = says_why || l->text().contains("No training yet");
  QVERIFY(says_why);
}

QTEST_MAIN(TestFigures)
#include "test_figures.moc"
