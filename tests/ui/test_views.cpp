// Views: curves receive points, the decision boundary redraws, the neuron view has one
// thumbnail per neuron, panel edits are undo commands; screenshots on request.
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QMainWindow>
#include <QMenu>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

#include "engine/graph/shape_inference.h"
#include "tests/ui/training_test_util.h"
#include "ui/data/dataset_panel.h"
#include "ui/document/commands/set_dataset_spec.h"
#include "ui/document/project_document.h"
#include "ui/main_window/studio_host.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/views/confusion_matrix_view.h"
#include "ui/views/decision_boundary_view.h"
#include "ui/views/feature_map_view.h"
#include "ui/views/histogram_view.h"
#include "ui/views/loss_chart.h"
#include "ui/views/neuron_view.h"
#include "ui/views/view_export.h"

using namespace bp::ui;

namespace {

// A minimal main window implementing StudioHost.
class TestHost : public QMainWindow, public StudioHost {
 public:
  TestHost() {
    toolbar_ = addToolBar(QStringLiteral("Training"));
    setCentralWidget(new QWidget(this));
    resize(1400, 900);
  }
  ProjectDocument* document() override { return &doc_; }
  QToolBar* trainingToolBar() override { return toolbar_; }
  QStatusBar* studioStatusBar() override { return statusBar(); }
  void addPanel(QDockWidget* dock, Qt::DockWidgetArea area) override {
    addDockWidget(area, dock);
    ++panels;
  }
  QWidget* window() override { return this; }
  QMenu* exportMenu() override { return &export_menu_; }
  int panels = 0;

 private:
  ProjectDocument doc_;
  QToolBar* toolbar_;
  QMenu export_menu_;
};

bp::EpochRecord record(int epoch, double loss) {
  bp::EpochRecord r;
  r.epoch = epoch;
  r.train.loss = loss;
  r.train.accuracy = 0.5 + 0.01 * epoch;
  r.train.samples = 100;
  r.validation.loss = loss * 1.1;
  r.validation.accuracy = 0.5;
  r.validation.samples = 20;
  return r;
}

}  // namespace

class TestViews : public QObject {
  Q_OBJECT

 private slots:
  void lossChartReceivesPoints() {
    LossChart chart;
    for (int e = 1; e <= 5; ++e) chart.addEpoch(record(e, 1.0 / e));
    QCOMPARE(chart.trainLossCount(), size_t{5});
    QCOMPARE(chart.validationLossCount(), size_t{5});
    QCOMPARE(chart.accuracyCount(), size_t{5});
    chart.clear();
    QCOMPARE(chart.trainLossCount(), size_t{0});
  }

  void lossChartDecimatesLongRuns() {
    LossChart chart;
    bp::ui::TrainingSnapshot s;
    s.steps_per_epoch = 20;
    s.step_losses.resize(50000);
    for (size_t i = 0; i < s.step_losses.size(); ++i)
      s.step_losses[i] = 1.0f / (1.0f + 0.001f * static_cast<float>(i));
    for (int k = 0; k < 4; ++k) {
      s.first_loss_step = k * 50000;
      chart.addSnapshot(s);
    }
    // At most the last 100k points (plus slack) are kept; a few thousand are drawn.
    QVERIFY(chart.stepLossCount() <= LossChart::kMaxStepPoints + LossChart::kMaxStepPoints / 5);
    QVERIFY(chart.stepLossCount() >= LossChart::kMaxStepPoints);
    chart.refresh();
    QVERIFY(chart.drawnStepCount() > 100);
    QVERIFY(chart.drawnStepCount() <= LossChart::kMaxDrawnPoints);
    chart.setLogScale(true);
    QVERIFY(chart.logScale());
    QVERIFY(chart.drawnStepCount() > 100);
  }

  void boundaryImageChangesWithSnapshots() {
    DecisionBoundaryView view;
    view.resize(400, 400);
    QVERIFY(!view.hasPlane());
    view.setSnapshot(bp::test::synthetic_snapshot(1.0f, 0.0f));
    QVERIFY(view.hasPlane());
    const QImage a = view.heatmap();
    QVERIFY(a.width() >= 100 && a.height() >= 100);
    view.setSnapshot(bp::test::synthetic_snapshot(0.0f, 1.0f));
    const QImage b = view.heatmap();
    QVERIFY(a != b);
    view.setDiscretize(true);
    QVERIFY(view.heatmap() != b);
  }

  void boundaryClickAddsPoint() {
    DecisionBoundaryView view;
    view.setSnapshot(bp::test::synthetic_snapshot(1.0f, 0.0f));
    QSignalSpy added(&view, &DecisionBoundaryView::pointAdded);
    view.addPointAt(1.5f, -2.0f);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toFloat(), 1.5f);
    QCOMPARE(added.at(0).at(2).toFloat(), 0.0f);
  }

  void featureMapViewShowsMapsKernelsAndPicksSamples() {
    FeatureMapView view;
    view.resize(600, 400);
    QCOMPARE(view.mapTileCount(), 0);
    auto maps = std::make_shared<FeatureMaps>();
    maps->samples = 2;
    maps->height = maps->width = 6;
    maps->inputs.assign(2 * 36, 0.5f);
    maps->labels = {3, 1};
    maps->outputs = 4;
    maps->output_values = {0, 0, 0, 5, /* sample 2 */ 0, 0, 9, 0};
    FeatureMapLayer l;
    l.name = "conv1";
    l.kind = "Conv2d";
    l.channels = 40;  // more than shown
    l.shown = 3;
    l.height = l.width = 4;
    for (int i = 0; i < 2 * 3 * 16; ++i) l.values.push_back(static_cast<float>(i % 7) - 3.0f);
    maps->layers.push_back(l);
    ConvKernels k;
    k.name = "conv1";
    k.out_channels = 3;
    k.in_channels = 2;
    k.kernel_h = k.kernel_w = 3;
    k.values.assign(3 * 2 * 9, 0.25f);
    maps->kernels.push_back(k);
    auto snap = std::make_shared<TrainingSnapshot>();
    snap->feature_maps = maps;
    view.setSnapshot(snap);
    QCOMPARE(view.mapTileCount(), 3);
    QCOMPARE(view.kernelTileCount(), 6);
    QVERIFY(!view.showsSaliency());  // none in this snapshot
    maps->saliency.assign(2 * 36, 0.1f);
    view.setSnapshot(snap);
    QVERIFY(view.showsSaliency());
    QVERIFY2(
        view.predictionText().contains("label 3") && view.predictionText().contains("predicted 3"),
        qPrintable(view.predictionText()));
    // clicking the second image of the strip picks it
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QWidget* canvas = view.widget();
    const int thumb = 6 * (40 / 6);  // the strip's scale: about 40 px per image
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(8 + thumb + 6 + thumb / 2, 8 + thumb / 2));
    QCOMPARE(view.selectedSample(), 1);
    QVERIFY2(
        view.predictionText().contains("label 1") && view.predictionText().contains("predicted 2"),
        qPrintable(view.predictionText()));
    // a network without images clears the view
    view.setSnapshot(std::make_shared<TrainingSnapshot>());
    QCOMPARE(view.mapTileCount(), 0);
  }

  void confusionMatrixViewReadsCells() {
    ConfusionMatrixView view;
    view.resize(400, 400);
    QVERIFY(!view.hasMatrix());
    auto m = std::make_shared<ConfusionMatrix>();
    m->classes = 3;
    m->split = "validation";
    m->samples = 20;
    m->counts = {5, 1, 0, /* true 1 */ 2, 6, 0, /* true 2 */ 0, 0, 6};
    m->class_names = {"cat", "dog", "owl"};
    auto snap = std::make_shared<TrainingSnapshot>();
    snap->confusion = m;
    view.setSnapshot(snap);
    QVERIFY(view.hasMatrix());
    QVERIFY2(view.summary().contains("accuracy 85.0 %"), qPrintable(view.summary()));
    QCOMPARE(view.cellText(1, 0), QString("true dog, predicted cat: 2 of 8 (25.0 %)"));
    // the centre of the widget's grid is the middle cell (true dog, predicted dog)
    bool found = false;
    for (int y = 0; y < 400 && !found; y += 4)
      for (int x = 0; x < 400 && !found; x += 4)
        if (view.cellAt({x, y}) == std::pair<int, int>{1, 1}) found = true;
    QVERIFY(found);
    QCOMPARE(view.cellAt({0, 0}), (std::pair<int, int>{-1, -1}));
    QVERIFY(view.grab().toImage().pixelColor(200, 200).isValid());
  }

  void viewsExportPngSvgAndCsv() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LossChart chart;
    chart.resize(500, 300);
    chart.addEpoch(record(1, 0.9));
    chart.addEpoch(record(2, 0.5));
    chart.refresh();
    QString error;
    QVERIFY2(export_view_image(&chart, dir.filePath("c.png"), ImageFormat::Png, &error),
             qPrintable(error));
    QCOMPARE(QImage(dir.filePath("c.png")).size(), chart.grab().toImage().size());
    QVERIFY2(export_view_image(&chart, dir.filePath("c.svg"), ImageFormat::Svg, &error),
             qPrintable(error));
    QFile svg(dir.filePath("c.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    const QString csv = chart.epochCsv();
    QVERIFY2(csv.startsWith("epoch,train_loss,validation_loss,train_accuracy,validation_accuracy\n"
                            "1,0.9,"),
             qPrintable(csv));
    QCOMPARE(csv.count('\n'), 3);
    QVERIFY(export_text(dir.filePath("c.csv"), csv, &error));
    // a folder that does not exist: a clear error naming the file, nothing written
    QVERIFY(!export_text(dir.filePath("missing/c.csv"), csv, &error));
    QVERIFY2(error.contains("missing/c.csv"), qPrintable(error));
    // the studio's File > Export menu has an entry per view
    TestHost host;
    host.document()->reset(bp::test::toy_project(), QString());
    TrainingUi ui(&host);
    QStringList names;
    for (QAction* a : host.exportMenu()->actions()) names << a->text();
    for (const char* want :
         {"Network as PyTorch code…", "Curves as PNG…", "Curves data as CSV…",
          "Decision boundary as SVG…", "Feature maps as PNG…", "Confusion matrix data as CSV…"})
      QVERIFY2(names.contains(QString::fromUtf8(want)), qPrintable(names.join(" | ")));
  }

  void histogramsCountEveryValue() {
    bp::ui::WeightMap w;
    w["fc1.weight"] = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 1.0f};
    w["fc1.bias"] = {0.25f, 0.25f};  // a constant tensor: one bin
    const auto hs = make_histograms(w, 4);
    QCOMPARE(static_cast<int>(hs.size()), 2);
    QCOMPARE(hs[0].name, QString("fc1.bias"));
    QCOMPARE(hs[0].bins, (std::vector<int64_t>{0, 0, 2, 0}));
    QCOMPARE(hs[1].bins, (std::vector<int64_t>{1, 1, 1, 3}));  // the maximum lands in the last bin
    QCOMPARE(hs[1].mean, 1.0 / 6.0);
    HistogramView view;
    view.resize(500, 300);
    auto snap = std::make_shared<TrainingSnapshot>();
    snap->weights = w;
    view.setSnapshot(snap);  // hidden: kept for later
    QVERIFY(view.histograms().empty());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(static_cast<int>(view.histograms().size()), 2);
  }

  void neuronViewHasOneThumbnailPerNeuron() {
    NeuronView view;
    const bp::Project p = bp::test::toy_project();  // 2-8-8-2
    view.setNetwork(p.network, bp::infer_shapes(p.network));
    QCOMPARE(view.layerCount(), 4);
    QCOMPARE(view.thumbnailCount(), 2 + 8 + 8 + 2);
    // Wide layers collapse to the first 16 units.
    const bp::NetworkSpec wide = bp::make_sequential(
        bp::Shape{2},
        {bp::test::dense(40, bp::Activation::ReLU), bp::test::dense(3, bp::Activation::Identity)});
    view.setNetwork(wide, bp::infer_shapes(wide));
    QCOMPARE(view.thumbnailCount(), 2 + 16 + 3);
  }

  void trainingPanelEditsAreUndoCommands() {
    ProjectDocument doc;
    doc.reset(bp::test::toy_project(), QString());
    TrainingPanel panel(&doc);
    auto* lr = qobject_cast<QDoubleSpinBox*>(panel.field("lr"));
    QVERIFY(lr);
    lr->setValue(0.1);
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.trainConfig().optimizer.lr, 0.1f);
    lr->setValue(0.2);  // same spin box: merges into one step
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(panel.isFieldVisible("momentum"));
    QVERIFY(!panel.isFieldVisible("beta1"));
    panel.optimizerCombo()->setCurrentIndex(static_cast<int>(bp::OptimizerKind::Adam));
    QCOMPARE(doc.undoStack()->count(), 2);
    QCOMPARE(doc.trainConfig().optimizer.kind, bp::OptimizerKind::Adam);
    QCOMPARE(doc.trainConfig().optimizer.lr, 1e-3f);
    QVERIFY(panel.isFieldVisible("beta1"));
    QVERIFY(!panel.isFieldVisible("momentum"));
    panel.batchPresetCombo()->setCurrentIndex(2);  // Full batch
    QVERIFY(doc.trainConfig().batch_size >= 140);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.trainConfig().optimizer.kind, bp::OptimizerKind::SGD);
    QCOMPARE(lr->value(), 0.2);  // the control follows the document
    // Every control explains itself.
    for (const char* name :
         {"loss", "optimizer", "lr", "momentum", "l1", "l2", "max_norm", "clip_grad_norm",
          "early_stopping", "batch_size", "epochs", "seed", "threads", "schedule"})
      QVERIFY2(!panel.field(name)->toolTip().isEmpty(), name);
  }

  void datasetPanelEditsAreUndoCommands() {
    ProjectDocument doc;
    doc.reset(bp::test::toy_project(), QString());
    DatasetPanel panel(&doc);
    auto* noise = qobject_cast<QSlider*>(panel.field("noise"));
    QVERIFY(noise);
    noise->setValue(30);
    noise->setValue(35);  // a slider scrub merges
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.datasetSpec().noise, 0.35f);
    const uint64_t seed = doc.datasetSpec().seed;
    panel.regenerate();
    QCOMPARE(doc.datasetSpec().seed, seed + 1);
    panel.toyCombo()->setCurrentIndex(static_cast<int>(bp::ToyKind::Xor));
    QCOMPARE(doc.datasetSpec().toy, bp::ToyKind::Xor);
    QCOMPARE(doc.undoStack()->count(), 3);
    doc.undoStack()->undo();
    QCOMPARE(panel.toyCombo()->currentIndex(), static_cast<int>(bp::ToyKind::Circle));

    // Fewer classes: the added points of the classes that went go with them, in the same step,
    // so the project stays one the file reader accepts.
    bp::DatasetSpec spec = doc.datasetSpec();
    spec.toy = bp::ToyKind::Spiral;
    spec.classes = 3;
    spec.extra_points = {{0.0f, 0.0f, 2.0f}, {1.0f, 1.0f, 1.0f}};
    doc.undoStack()->push(new SetDatasetSpec(&doc, spec, QStringLiteral("three arms")));
    auto* classes = qobject_cast<QSpinBox*>(panel.field("classes"));
    QVERIFY(classes);
    QCOMPARE(classes->value(), 3);
    const int steps = doc.undoStack()->count();
    classes->setValue(2);
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QCOMPARE(doc.datasetSpec().extra_points.size(), size_t{1});
    doc.undoStack()->undo();
    QCOMPARE(doc.datasetSpec().extra_points.size(), size_t{2});
  }

  void trainingUiBuildsDocksActionsAndAddsPoints() {
    TestHost host;
    host.document()->reset(bp::test::toy_project(), QString());
    TrainingUi ui(&host);
    // dataset, training, boundary, confusion, curves, neurons, maps, weights, fitted curve, and
    // inside the network: gradient flow, gradient heatmaps, distributions, Grad-CAM, drawing pad,
    // held-out images, health, rewind, latent space
    QCOMPARE(host.panels, 18);
    QCOMPARE(ui.playAction()->shortcut(), QKeySequence(Qt::Key_Space));
    QVERIFY(host.trainingToolBar()->actions().contains(ui.stepBatchAction()));
    QVERIFY(host.trainingToolBar()->actions().contains(ui.resetAction()));
    QCOMPARE(ui.neuronView()->thumbnailCount(), 20);
    ui.boundaryView()->setSnapshot(bp::test::synthetic_snapshot(1.0f, 1.0f));
    ui.boundaryView()->addPointAt(0.5f, 0.5f);
    QCOMPARE(host.document()->datasetSpec().extra_points.size(), size_t{1});
    host.document()->undoStack()->undo();
    QVERIFY(host.document()->datasetSpec().extra_points.empty());
  }

  void boundaryChangesWhileTraining() {
    TestHost host;
    host.document()->reset(bp::test::toy_project(bp::ToyKind::Xor, 0.05f), QString());
    TrainingUi ui(&host);
    QSignalSpy epochs(ui.controller(), &TrainingController::epochFinished);
    ui.controller()->preview();
    QTRY_VERIFY_WITH_TIMEOUT(ui.boundaryView()->hasPlane(), 10000);
    const QImage before = ui.boundaryView()->heatmap();
    ui.playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 5, 20000);
    ui.playAction()->trigger();  // pause
    QTRY_COMPARE_WITH_TIMEOUT(ui.controller()->state(), TrainingController::State::Paused, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(ui.boundaryView()->heatmap() != before, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(ui.lossChart()->trainLossCount() >= 5, 5000);
    QVERIFY(!ui.neuronView()->thumbnail(1, 0).isNull());
    QVERIFY(!ui.neuronView()->thumbnail(0, 1).isNull());
  }

  // A click on the plane while training adds the point to the running training: one undo
  // command, the run goes on (same run: no stop, no restart), and the worker's training split
  // (drawn by its snapshots) has one more sample. Undo takes the point out the same way.
  void clickingThePlaneWhileTrainingAddsThePointLive() {
    using State = TrainingController::State;
    TestHost host;
    host.document()->reset(bp::test::toy_project(bp::ToyKind::Xor), QString());
    TrainingUi ui(&host);
    host.show();
    TrainingController* ctrl = ui.controller();
    QSignalSpy epochs(ctrl, &TrainingController::epochFinished);
    QSignalSpy cleared(ctrl, &TrainingController::historyCleared);
    QSignalSpy messages(ctrl, &TrainingController::message);
    auto train_points = [ctrl] {
      const SnapshotPtr s = ctrl->lastSnapshot();
      return s && s->points ? s->points->train_xy.size() / 2 : size_t{0};
    };
    ui.playAction()->trigger();
    QCOMPARE(ctrl->state(), State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 2 && ui.boundaryView()->hasPlane(), 20000);
    const size_t before = train_points();
    QCOMPARE(before, size_t{140});  // 70 % of 200
    const int64_t step_before = ctrl->lastSnapshot()->step;
    const int commands = host.document()->undoStack()->count();
    auto last_epoch_samples = [&epochs] {
      return epochs.last().at(0).value<bp::EpochRecord>().train.samples;
    };
    QCOMPARE(last_epoch_samples(), int64_t{140});

    // The click itself: the plot's canvas is the boundary view's child with the cross cursor.
    QWidget* canvas = nullptr;
    for (QWidget* w : ui.boundaryView()->findChildren<QWidget*>())
      if (w->cursor().shape() == Qt::CrossCursor) canvas = w;
    QVERIFY(canvas);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->rect().center());
    QCOMPARE(host.document()->datasetSpec().extra_points.size(), size_t{1});
    QCOMPARE(host.document()->undoStack()->count(), commands + 1);
    QCOMPARE(host.document()->undoStack()->text(commands), QStringLiteral("Add data point"));
    QCOMPARE(ctrl->state(), State::Running);

    QTRY_COMPARE_WITH_TIMEOUT(train_points(), before + 1, 10000);
    const auto at_add = epochs.count();
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= at_add + 2, 20000);
    QCOMPARE(last_epoch_samples(), int64_t{141});  // the trainer's epochs take the point
    QCOMPARE(ctrl->state(), State::Running);
    QVERIFY(ctrl->lastSnapshot()->step > step_before);
    QCOMPARE(cleared.count(), 0);
    for (const QList<QVariant>& m : messages)
      QVERIFY2(!m.at(0).toString().contains("stopped"), qPrintable(m.at(0).toString()));
    // One run: its epochs are numbered 1, 2, 3, ... across the click.
    for (size_t i = 0; i < ctrl->history().size(); ++i)
      QCOMPARE(ctrl->history()[i].epoch, static_cast<int>(i) + 1);

    host.document()->undoStack()->undo();
    QVERIFY(host.document()->datasetSpec().extra_points.empty());
    QTRY_COMPARE_WITH_TIMEOUT(train_points(), before, 10000);
    const auto at_undo = epochs.count();
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= at_undo + 2, 20000);
    QCOMPARE(last_epoch_samples(), int64_t{140});
    QCOMPARE(ctrl->state(), State::Running);
    ctrl->stop();
    QCOMPARE(ctrl->state(), State::Idle);
  }

  // Writes screenshots to $BP_SCREENSHOT_DIR (a tool for looking at the views, not a check).
  void screenshots() {
    const QByteArray dir = qgetenv("BP_SCREENSHOT_DIR");
    if (dir.isEmpty()) QSKIP("set BP_SCREENSHOT_DIR to write screenshots");
    TestHost host;
    host.document()->reset(bp::test::toy_project(bp::ToyKind::Spiral), QString());
    TrainingUi ui(&host);
    host.show();
    QSignalSpy epochs(ui.controller(), &TrainingController::epochFinished);
    ui.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 60, 60000);
    ui.controller()->pause();
    QTest::qWait(300);
    ui.lossChart()->refresh();
    QTest::qWait(100);
    QVERIFY(host.grab().save(QString::fromLocal8Bit(dir) + "/studio.png"));
    QVERIFY(ui.boundaryView()->grab().save(QString::fromLocal8Bit(dir) + "/boundary.png"));
    QVERIFY(ui.neuronView()->grab().save(QString::fromLocal8Bit(dir) + "/neurons.png"));
    QVERIFY(ui.lossChart()->grab().save(QString::fromLocal8Bit(dir) + "/curves.png"));
    QVERIFY(ui.trainingPanel()->grab().save(QString::fromLocal8Bit(dir) + "/training_panel.png"));
    QVERIFY(ui.datasetPanel()->grab().save(QString::fromLocal8Bit(dir) + "/dataset_panel.png"));
  }

  // Screenshots of the single views from synthetic snapshots (works without the engine).
  void viewScreenshots() {
    const QByteArray dir = qgetenv("BP_SCREENSHOT_DIR");
    if (dir.isEmpty()) QSKIP("set BP_SCREENSHOT_DIR to write screenshots");
    const QString out = QString::fromLocal8Bit(dir);
    const auto snap = bp::test::synthetic_snapshot(0.8f, -0.4f);
    DecisionBoundaryView boundary;
    boundary.resize(420, 460);
    boundary.setShowTestData(true);
    boundary.setSnapshot(snap);
    QVERIFY(boundary.grab().save(out + "/synthetic_boundary.png"));
    LossChart chart;
    chart.resize(700, 450);
    for (int e = 1; e <= 40; ++e) chart.addEpoch(record(e, 1.0 / e));
    chart.refresh();
    QVERIFY(chart.grab().save(out + "/synthetic_curves.png"));
    ProjectDocument doc;
    doc.reset(bp::test::toy_project(), QString());
    TrainingPanel panel(&doc);
    panel.resize(340, 900);
    QVERIFY(panel.grab().save(out + "/synthetic_training_panel.png"));
    DatasetPanel dpanel(&doc);
    dpanel.resize(340, 700);
    QVERIFY(dpanel.grab().save(out + "/synthetic_dataset_panel.png"));
  }
};

QTEST_MAIN(TestViews)
#include "test_views.moc"
