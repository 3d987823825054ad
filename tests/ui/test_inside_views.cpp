// The inside-the-network views, offscreen, on real snapshots of a LeNet-5 trained on the digits
// and of the spiral net: gradient flow, gradient heatmaps, distributions over time, saliency /
// Grad-CAM, health and rewind each draw non-empty content; the studio asks the worker only for
// what the visible views need, and the health badge shows in the status bar.
#include <QDockWidget>
#include <QFileInfo>
#include <QImage>
#include <QJsonObject>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"
#include "engine/train/health/health_monitor.h"
#include "engine/train/snapshot/confusion_builder.h"
#include "engine/train/snapshot/insight_builder.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"
#include "tests/cli/cli_runner.h"
#include "tests/common/inside_nets.h"
#include "ui/document/project_document.h"
#include "ui/main_window/studio_host.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"
#include "ui/views/attribution_view.h"
#include "ui/views/distributions_view.h"
#include "ui/views/drawing_pad_view.h"
#include "ui/views/gradient_flow_view.h"
#include "ui/views/gradient_heatmap_view.h"
#include "ui/views/health_view.h"
#include "ui/views/held_out_view.h"
#include "ui/views/neuron_canvas.h"
#include "ui/views/neuron_insight.h"
#include "ui/views/neuron_view.h"
#include "ui/views/rewind_view.h"

using namespace bp;
using namespace bp::ui;

namespace {

// A run of an example project in the test: snapshots as the worker makes them, with everything
// inside the network asked for.
class Run {
 public:
  explicit Run(const QString& example)
      : Run(read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/" +
                         example.toStdString() + ".json")) {}
  explicit Run(Project project)
      : project_(std::move(project)),
        data_(load_dataset(project_.dataset)),
        model_(project_.network, backend_, project_.training.seed),
        trainer_(model_, data_, project_.training),
        builder_(model_, project_.dataset, data_, project_.training.loss),
        insight_(model_, data_, project_.training.loss),
        confusion_(model_, data_, project_.training.loss) {}

  const Project& project() const { return project_; }
  Model& model() { return model_; }
  void train(int steps) {
    for (int i = 0; i < steps; ++i) trainer_.step();
  }

  SnapshotPtr snapshot(int attribution_class = -1) {
    auto s = std::make_shared<TrainingSnapshot>();
    s->step = trainer_.global_step();
    s->epoch = trainer_.epoch();
    s->weights = model_.params().to_host(backend_);
    s->train_state = std::make_shared<const TrainState>(trainer_.state());
    InsightRequest r = InsightRequest::everything();
    r.attribution_class = attribution_class;
    insight_.fill(model_, s->step, r, *s);
    HealthObservation o;
    o.step = s->step;
    o.network = &model_.spec();
    o.gradients = s->gradients.get();
    o.activity = s->activity.get();
    o.history = &trainer_.history();
    monitor_.observe(o);
    s->health = std::make_shared<const HealthReport>(monitor_.report());
    s->points = builder_.points();
    s->images = builder_.images();
    builder_.fillPlane(model_, *s);
    builder_.fillFeatureMaps(model_, *s);
    s->confusion = confusion_.matrix(model_, s->step, true);
    return s;
  }

 private:
  CpuBackend backend_;
  Project project_;
  DatasetSplits data_;
  Model model_;
  Trainer trainer_;
  SnapshotBuilder builder_;
  InsightBuilder insight_;
  ConfusionBuilder confusion_;
  HealthMonitor monitor_;
};

// Distinct colours in a rendering of `w` at its size: a blank or one-colour widget has few.
int colours(QWidget& w) {
  w.resize(640, 420);
  const QImage img = w.grab().toImage();
  std::set<QRgb> seen;
  for (int y = 0; y < img.height(); y += 2)
    for (int x = 0; x < img.width(); x += 2) seen.insert(img.pixel(x, y));
  return static_cast<int>(seen.size());
}

// Writes an IDX file: images (N, H, W) uint8 or labels (N).
void write_idx(const std::string& path, const std::vector<uint8_t>& data,
               const std::vector<uint32_t>& dims) {
  std::ofstream f(path, std::ios::binary);
  const uint8_t magic[4] = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  f.write(reinterpret_cast<const char*>(magic), 4);
  for (uint32_t d : dims) {
    const uint8_t be[4] = {static_cast<uint8_t>(d >> 24), static_cast<uint8_t>(d >> 16),
                           static_cast<uint8_t>(d >> 8), static_cast<uint8_t>(d)};
    f.write(reinterpret_cast<const char*>(be), 4);
  }
  f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

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
  void addPanel(QDockWidget* dock, Qt::DockWidgetArea area) override { addDockWidget(area, dock); }
  QWidget* window() override { return this; }
  QMenu* exportMenu() override { return &export_menu_; }

 private:
  ProjectDocument doc_;
  QToolBar* toolbar_;
  QMenu export_menu_;
};

}  // namespace

class TestInsideViews : public QObject {
  Q_OBJECT
 private slots:
  void views_draw_a_trained_lenet_and_the_spiral_data() {
    QTest::addColumn<QString>("example");
    QTest::addColumn<bool>("images");
    QTest::newRow("lenet5-digits") << QString("lenet5-digits") << true;
    QTest::newRow("spiral") << QString("spiral") << false;
  }
  void views_draw_a_trained_lenet_and_the_spiral() {
    QFETCH(QString, example);
    QFETCH(bool, images);
    Run run(example);
    GradientFlowView flow;
    GradientHeatmapView heat;
    DistributionsView dist;
    AttributionView attr;
    HealthView health;
    RewindView rewind;
    const int blank_flow = colours(flow), blank_heat = colours(heat), blank_dist = colours(dist),
              blank_attr = colours(attr), blank_health = colours(health);
    std::vector<SnapshotView*> all{&flow, &heat, &dist, &attr, &health, &rewind};
    for (int k = 0; k < 3; ++k) {
      run.train(images ? 20 : 60);
      const SnapshotPtr s = run.snapshot(images ? 7 : -1);
      for (SnapshotView* v : all) v->setSnapshot(s);
    }
    // gradient flow: a line per weight, a point per snapshot
    QVERIFY(flow.lines().size() >= 3);
    QCOMPARE(flow.points(), size_t(3));
    QVERIFY(flow.csv().count('\n') == 4);
    QVERIFY2(colours(flow) > blank_flow + 5, qPrintable(QString::number(colours(flow))));
    flow.setQuantity(GradientFlowView::Quantity::UpdateRatio);
    QVERIFY(colours(flow) > blank_flow + 5);
    // heatmaps: every weight
    QCOMPARE(heat.panels(), static_cast<int>(flow.lines().size()));
    QVERIFY2(colours(heat) > blank_heat + 20, qPrintable(QString::number(colours(heat))));
    // distributions: 3 ridges of the first layer's activations
    QVERIFY(!dist.names(TensorRole::Activation).empty());
    dist.show(TensorRole::Gradient, flow.lines().front());
    QCOMPARE(dist.ridges(), size_t(3));
    QVERIFY2(colours(dist) > blank_dist + 5, qPrintable(QString::number(colours(dist))));
    // saliency / Grad-CAM: image nets only, for the class asked for
    QCOMPARE(attr.hasAttribution(), images);
    if (images) {
      QVERIFY2(colours(attr) > blank_attr + 50, qPrintable(QString::number(colours(attr))));
      QCOMPARE(attr.insights().attribution_class, -1);
      attr.setTargetClass(7);
      QCOMPARE(attr.insights().attribution_class, 7);
    }
    // health: a report (findings or all clear) is drawn
    QVERIFY(colours(health) != blank_health || health.findings() > 0);
    // rewind: three checkpoints; continuing from the first hands over its weights and state
    QCOMPARE(rewind.buffer().size(), size_t(3));
    QSignalSpy spy(&rewind, &RewindView::continueFrom);
    rewind.select(0);
    rewind.continueFromSelected();
    QCOMPARE(spy.count(), 1);
    const auto state = spy.at(0).at(1).value<std::shared_ptr<const TrainState>>();
    QVERIFY(state);
    QCOMPARE(state->step, rewind.buffer().at(0).step);
    QCOMPARE(rewind.buffer().branch(), 1);
  }

  // The drawing pad's prediction and probabilities are what `backprop evaluate` computes for the
  // same pixels: the drawing saved as the only test image of an IDX folder beside the bundled
  // training digits (so the normalization statistics are the run's), evaluated with the same
  // weights, gives loss -log p(label) and accuracy 1 exactly when the label is the pad's class.
  void drawing_pad_prediction_equals_backprop_evaluate() {
    Run run("lenet5-digits");
    run.train(40);
    const SnapshotPtr s = run.snapshot();
    DrawingPadView pad;
    pad.setNetwork(run.project().network);
    pad.setSnapshot(s);
    QCOMPARE(pad.padWidth(), 28);
    pad.drawStroke({6, 6}, {21, 6});  // a 7
    pad.drawStroke({21, 6}, {11, 23});
    QVERIFY2(pad.hasPrediction(), qPrintable(pad.error()));
    const std::vector<float> probs = pad.probabilities();
    QCOMPARE(probs.size(), size_t(10));
    QCOMPARE(pad.featureMaps().size(), size_t(2));  // conv1, conv2 follow the drawing
    QCOMPARE(pad.featureMaps()[0].name, std::string("conv1"));
    QVERIFY(colours(pad) > 20);
    pad.clear();
    QVERIFY(pad.probabilities() != probs);  // the prediction follows the pad
    QVERIFY(pad.canUndo());
    pad.undo();
    QCOMPARE(pad.probabilities(), probs);

    QTemporaryDir dir;
    namespace fs = std::filesystem;
    const fs::path digits = fs::path(BP_SOURCE_DIR) / "datasets" / "mnist-digits";
    const fs::path folder = dir.path().toStdString();
    for (const char* f : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"})
      fs::create_symlink(digits / f, folder / f);
    write_idx((folder / "t10k-images-idx3-ubyte").string(), pad.pixels(), {1, 28, 28});
    const int pred = pad.predictedClass();
    for (int label : {pred, (pred + 3) % 10}) {
      write_idx((folder / "t10k-labels-idx1-ubyte").string(), {static_cast<uint8_t>(label)}, {1});
      Project p = run.project();
      p.dataset.path = folder.string();
      p.weights = s->weights;
      const std::string path = (folder / "drawn.json").string();
      write_project(p, path);
      const bp::test::CliResult r = bp::test::run_cli({"evaluate", QString::fromStdString(path)});
      QVERIFY2(r.exit_code == 0, qPrintable(bp::test::describe(r)));
      const QJsonObject m = bp::test::parse_json_line(r.out);
      QCOMPARE(m["samples"].toInt(), 1);
      QCOMPARE(m["accuracy"].toDouble(), label == pred ? 1.0 : 0.0);
      const double expected = -std::log(static_cast<double>(probs[static_cast<size_t>(label)]));
      QVERIFY2(std::fabs(m["loss"].toDouble() - expected) <= 1e-5 + 1e-5 * expected,
               qPrintable(QString("evaluate loss %1, pad -log p = %2")
                              .arg(m["loss"].toDouble())
                              .arg(expected)));
    }
  }

  // The "done when" walk-through, rendered to PNGs in $BP_SCREENSHOT_DIR (else this test's
  // working directory) for a person to look at: a 10-layer sigmoid MLP's gradient flow
  // collapsing and the health panel saying so, the same with ReLU + He recovering, LeNet-5's
  // drawing pad with a 7, its Grad-CAM, distributions, heatmaps and the rewind slider.
  void screenshots_of_the_walk_through() {
    const QString out = qEnvironmentVariable("BP_SCREENSHOT_DIR", QStringLiteral("."));
    int written = 0;
    auto save = [&](QWidget& w, const QString& name, QSize size) {
      w.resize(size);
      const QString path = out + "/" + name + ".png";
      QVERIFY2(w.grab().save(path), qPrintable(path));
      QVERIFY(QFileInfo(path).size() > 2000);
      ++written;
    };
    auto deep = [](Activation act, bool he) {
      Project p = read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
      p.network = bp::test::mlp(2, 9, 16, act, 2);
      if (he)
        for (NodeSpec& n : p.network.nodes) {
          n.params.weight_init.kind = InitKind::KaimingNormal;
          n.params.weight_init.nonlinearity = Nonlinearity::ReLU;
        }
      p.training.optimizer.kind = OptimizerKind::SGD;
      p.training.optimizer.lr = 0.1f;
      p.training.schedule = {};
      return p;
    };
    for (bool relu : {false, true}) {
      Run run(deep(relu ? Activation::ReLU : Activation::Sigmoid, relu));
      GradientFlowView flow;
      HealthView health;
      for (int k = 0; k < 40; ++k) {
        run.train(25);
        const SnapshotPtr s = run.snapshot();
        flow.setSnapshot(s);
        health.setSnapshot(s);
      }
      const QString stem = relu ? "inside-relu-he-10-layers" : "inside-sigmoid-10-layers";
      save(flow, stem + "-gradient-flow", {720, 360});
      save(health, stem + "-health", {520, 300});
    }
    Run lenet("lenet5-digits");
    GradientHeatmapView heat;
    DistributionsView dist;
    AttributionView attr;
    RewindView rewind;
    HeldOutView held_out;
    DrawingPadView pad;
    pad.setNetwork(lenet.project().network);
    SnapshotPtr s;
    for (int k = 0; k < 6; ++k) {
      lenet.train(30);
      s = lenet.snapshot(7);
      for (SnapshotView* v :
           std::vector<SnapshotView*>{&heat, &dist, &attr, &rewind, &pad, &held_out})
        v->setSnapshot(s);
    }
    attr.setTargetClass(7);
    pad.drawStroke({6, 6}, {21, 6});
    pad.drawStroke({21, 6}, {11, 23});
    rewind.select(2);
    dist.show(TensorRole::Activation, "act1");
    save(pad, "inside-lenet5-drawing-pad", {640, 480});
    save(attr, "inside-lenet5-grad-cam-class-7", {520, 760});
    save(heat, "inside-lenet5-gradient-heatmaps", {900, 520});
    save(dist, "inside-lenet5-distributions", {640, 420});
    save(rewind, "inside-lenet5-rewind", {520, 140});
    save(held_out, "inside-lenet5-confidently-wrong", {640, 420});
    // The spiral paused: links by gradient, and a neuron's equation with the current numbers.
    Run spiral("spiral");
    spiral.train(2000);
    NeuronView neurons;
    neurons.setNetwork(spiral.project().network, infer_shapes(spiral.project().network));
    neurons.setSnapshot(spiral.snapshot());
    neurons.canvas()->setLinksByGradient(true);
    save(neurons, "inside-spiral-neurons-gradient-links", {560, 760});
    QLabel equation(neurons.canvas()->equation(2, 4, 30 * 100 + 70));
    QVERIFY(!equation.text().isEmpty());
    equation.setMargin(8);
    save(equation, "inside-spiral-neuron-equation", equation.sizeHint().expandedTo({400, 60}));
    QCOMPARE(written, 12);
  }

  // Held-out images: the most confidently wrong first, a confusion cell's samples, any index; a
  // picked image reaches the pad as the dataset's own 8-bit pixels.
  void held_out_images_and_the_pad() {
    Run run("lenet5-digits");
    run.train(30);
    const SnapshotPtr s = run.snapshot();
    const ConfusionMatrix& m = *s->confusion;
    QVERIFY(m.images);
    QCOMPARE(m.truth.size(), static_cast<size_t>(m.samples));
    HeldOutView view;
    view.setSnapshot(s);
    QVERIFY(!view.shown().empty());
    float last = 2.0f;
    for (int i : view.shown()) {  // wrong ones, surest first
      QVERIFY(m.truth[static_cast<size_t>(i)] != m.predicted[static_cast<size_t>(i)]);
      QVERIFY(m.confidence[static_cast<size_t>(i)] <= last);
      last = m.confidence[static_cast<size_t>(i)];
    }
    const int i0 = view.shown().front();
    const int t = m.truth[static_cast<size_t>(i0)], p = m.predicted[static_cast<size_t>(i0)];
    view.showCell(t, p);
    int64_t in_cell = 0;
    for (size_t i = 0; i < m.truth.size(); ++i) in_cell += m.truth[i] == t && m.predicted[i] == p;
    QCOMPARE(static_cast<int64_t>(view.shown().size()),
             std::min<int64_t>(in_cell, HeldOutView::kShown));
    QCOMPARE(m.counts[static_cast<size_t>(t * m.classes + p)], in_cell);
    view.showFromIndex(5);
    QCOMPARE(view.shown().front(), 5);
    QVERIFY(colours(view) > 20);
    // The same validation image loaded without normalization: its 8-bit pixels.
    DatasetSpec raw_spec = run.project().dataset;
    raw_spec.normalize = false;
    const DatasetSplits raw = load_dataset(raw_spec);
    const std::vector<uint8_t> levels = image_levels(*m.images, 5);
    for (size_t k = 0; k < levels.size(); ++k)
      QCOMPARE(static_cast<int>(levels[k]),
               static_cast<int>(std::lround(raw.validation.sample(5)[k] * 255.0f)));
    QSignalSpy chosen(&view, &HeldOutView::imageChosen);
    view.resize(640, 420);
    QPoint at(-1, -1);
    for (int y = 0; y < view.height() && at.y() < 0; ++y)
      if (view.sampleAt(QPoint(20, y)) >= 0) at = QPoint(20, y);
    QCOMPARE(view.sampleAt(at), 5);
    QTest::mouseClick(&view, Qt::LeftButton, {}, at);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(1).toInt(), 5);
  }

  // The neuron view's freeze-frame equation uses the numbers the network computed (a = f(z) holds
  // at every unit), links can show the last step's gradient, and dead units are greyed.
  void neuron_view_equation_gradients_and_dead_units() {
    Run run("spiral");
    run.train(300);
    const SnapshotPtr s = run.snapshot();
    NeuronView view;
    view.setNetwork(run.project().network, infer_shapes(run.project().network));
    view.setSnapshot(s);
    NeuronCanvas* canvas = view.canvas();
    QCOMPARE(canvas->layers().size(), size_t(4));  // input, fc1, fc2, fc3
    for (int cell : {0, 5050, 9999})
      for (int layer = 1; layer <= 3; ++layer)
        for (int unit : {0, 1}) {
          const NeuronEquation e =
              neuron_equation(*s, canvas->layers(), layer, unit, cell, QStringLiteral("f"));
          QVERIFY(e.ok);
          const double f = layer < 3 ? std::tanh(e.z) : e.z;  // Tanh, Tanh, Identity
          QVERIFY2(std::fabs(f - e.a) < 1e-5,
                   qPrintable(QString("layer %1 unit %2: f(z) %3 vs a %4")
                                  .arg(layer)
                                  .arg(unit)
                                  .arg(f)
                                  .arg(e.a)));
        }
    QVERIFY(canvas->equation(1, 3, 5050).contains(QStringLiteral("a = Tanh(z)")));
    QVERIFY(!view.insights().gradients && view.insights().activity);
    const int by_weight = colours(view);
    const QImage weight_image = view.grab().toImage();
    canvas->setLinksByGradient(true);
    QVERIFY(view.insights().gradients && view.insights().gradient_values);
    QVERIFY(view.grab().toImage() != weight_image);
    QVERIFY(by_weight > 20);

    // A ReLU layer whose units are all below zero: greyed as dead.
    Project p = run.project();
    p.network = bp::test::mlp(2, 2, 8, Activation::ReLU, 2);
    Run relu(p);
    auto w = relu.model().params().to_host(relu.model().backend());
    for (float& b : w["fc1.bias"]) b = -100.0f;
    relu.model().params().from_host(relu.model().backend(), w);
    const SnapshotPtr d = relu.snapshot();
    NeuronView dead_view;
    dead_view.setNetwork(p.network, infer_shapes(p.network));
    dead_view.setSnapshot(d);
    for (int u = 0; u < 8; ++u) QVERIFY(dead_view.canvas()->dead(1, u));
    int alive = 0;  // fc2 sees zeros: its units with a positive bias stay active
    for (int u = 0; u < 8; ++u) alive += !dead_view.canvas()->dead(2, u);
    QVERIFY(alive > 0);
  }

  // Rewind in the studio: pause, pick an earlier checkpoint, continue from it: the document's
  // checkpoint is that step's, the run is prepared from it (paused), and Play trains on from
  // there with the learning rate now set (a branch).
  void rewind_and_continue_in_the_studio() {
    TestHost host;
    Project p = read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    p.training.epochs = 100000;
    host.document()->reset(p, QString());
    TrainingUi ui(&host);
    auto* rewind = ui.view<RewindView>();
    QVERIFY(rewind);
    ui.playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(rewind->buffer().size() >= 10, 30000);
    ui.playAction()->trigger();  // pause
    QTRY_COMPARE_WITH_TIMEOUT(ui.controller()->state(), TrainingController::State::Paused, 5000);
    rewind->select(2);
    const RewindEntry entry = rewind->buffer().at(2);
    const int64_t newest = rewind->buffer().at(rewind->buffer().size() - 1).step;
    QVERIFY(entry.step > 0 && newest > entry.step);
    rewind->continueFromSelected();
    QVERIFY(host.document()->trainState().has_value());
    QCOMPARE(host.document()->trainState()->step, entry.step);
    QVERIFY(host.document()->project().weights == entry.weights);
    QCOMPARE(ui.controller()->state(), TrainingController::State::Idle);
    // The prepared run starts at the entry: its next snapshots continue from entry.step.
    QSignalSpy snaps(ui.controller(), &TrainingController::snapshotReady);
    ui.playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() >= 3, 30000);
    const auto first = snaps.at(0).at(0).value<SnapshotPtr>();
    // One slice on from the entry, short of where the paused run stood (the newest entry).
    QVERIFY2(first->step >= entry.step && first->step - entry.step < newest - entry.step,
             qPrintable(QString("first snapshot at step %1, entry %2, newest %3")
                            .arg(first->step)
                            .arg(entry.step)
                            .arg(newest)));
    ui.playAction()->trigger();
    QCOMPARE(rewind->buffer().branch(), 1);
  }

  // The studio asks the worker for what visible views need: with the gradient-flow and health
  // docks shown, a run's snapshots carry gradients and health, and the badge reads them.
  void studio_requests_insights_of_visible_views() {
    TestHost host;
    Project p = read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    p.training.epochs = 100000;  // still running when paused
    host.document()->reset(p, QString());
    TrainingUi ui(&host);
    host.show();
    auto* flow = ui.view<GradientFlowView>();
    auto* health = ui.view<HealthView>();
    QVERIFY(flow && health);
    for (auto* dock : host.findChildren<QDockWidget*>())
      if (dock->widget() == flow || dock->widget() == health) {
        dock->setFloating(true);  // out of its tab group: visible
        dock->show();
      }
    QTRY_VERIFY_WITH_TIMEOUT(flow->isVisible() && health->isVisible(), 5000);
    ui.playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(flow->points() >= 3, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(health->findings() >= 0 && !health->csv().isEmpty(), 5000);
    ui.playAction()->trigger();  // pause
    QTRY_COMPARE_WITH_TIMEOUT(ui.controller()->state(), TrainingController::State::Paused, 5000);
    bool badge = false;
    for (auto* l : host.statusBar()->findChildren<QLabel*>())
      badge |= l->text().startsWith(QStringLiteral("Health: "));
    QVERIFY(badge);
  }
};

QTEST_MAIN(TestInsideViews)
#include "test_inside_views.moc"
