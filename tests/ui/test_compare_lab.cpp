// The compare lab offscreen: a comparison starts, pauses, steps, resumes and stops from the
// window's controls while the event loop stays responsive; each view draws (curves with one
// series per run, side-by-side boundaries, the summary table and its CSV, the LR sweep, the
// landscape with its progress bar and cancel, the test-function trajectories); a bad value is
// refused with a message; closing mid-run exits cleanly.
#include <QImage>
#include <QMenuBar>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"
#include "tests/ui/training_test_util.h"
#include "ui/compare/compare_boundaries_view.h"
#include "ui/compare/compare_curves_view.h"
#include "ui/compare/compare_summary_view.h"
#include "ui/compare/compare_window.h"
#include "ui/compare/landscape_view.h"
#include "ui/compare/lr_sweep_view.h"
#include "ui/compare/trajectory_view.h"
#include "ui/main_window/main_window.h"
#include "ui/views/decision_boundary_view.h"

using namespace bp;
using namespace bp::ui;
using State = CompareController::State;

namespace {

Project spiral_project() {
  Project p = test::toy_project(ToyKind::Spiral, 0.03f);
  p.dataset.samples = 300;
  p.training.epochs = 40;
  return p;
}

// Distinct colours in a grab: a view that drew something is not a flat fill.
int distinct_colors(QWidget* w) {
  const QImage img = w->grab().toImage();
  QSet<QRgb> colors;
  for (int y = 0; y < img.height(); y += 3)
    for (int x = 0; x < img.width(); x += 3) colors.insert(img.pixel(x, y));
  return static_cast<int>(colors.size());
}

}  // namespace

class TestCompareLab : public QObject {
  Q_OBJECT
 private slots:
  void start_pause_step_resume_stop() {
    CompareWindow window([] { return spiral_project(); });
    window.resize(1000, 700);
    window.show();
    window.setVariable(CompareVariable::Optimizer);
    window.setValues("SGD(lr=0.1), SGD(lr=0.1,momentum=0.9), Adam(lr=0.01)");
    window.setEpochs(100000);
    CompareController* c = window.controller();
    QSignalSpy snaps(c, &CompareController::snapshotReady);
    QSignalSpy failed(c, &CompareController::failed);
    QVERIFY(window.start());
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), State::Running, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c->latest() && !c->latest()->runs.front().history.empty(), 20000);
    QVERIFY(failed.isEmpty());
    // pause: snapshots stop changing
    c->pause();
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), State::Paused, 5000);
    QTest::qWait(100);
    std::vector<double> before;
    for (const auto& r : c->latest()->runs) before.push_back(r.progress);
    QTest::qWait(200);
    QCOMPARE(c->latest()->runs[0].progress, before[0]);
    // step: one mini-batch of every run
    const int n = static_cast<int>(snaps.count());
    c->step();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() > n, 5000);
    QCOMPARE(c->state(), State::Paused);
    // every run took one mini-batch: 10 of the 210 training samples
    const auto& runs = c->latest()->runs;
    for (size_t i = 0; i < runs.size(); ++i)
      QVERIFY(std::fabs(runs[i].progress - before[i] - 10.0 / 210.0) < 1e-9);
    c->resume();
    QCOMPARE(c->state(), State::Running);
    QTest::qWait(150);
    c->stop();
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), State::Finished, 5000);
    for (const auto& r : c->latest()->runs) QVERIFY(r.status != RunStatus::Running);
    QCOMPARE(c->latest()->runs.size(), size_t(3));
  }

  void every_view_draws() {
    CompareWindow window([] { return spiral_project(); });
    window.resize(1100, 800);
    window.show();
    window.setVariable(CompareVariable::LearningRate);
    window.setValues("0.001, 0.03, 0.3, 100000");
    window.setEpochs(6);
    CompareController* c = window.controller();
    QVERIFY(window.start());
    QTRY_COMPARE_WITH_TIMEOUT(c->state(), State::Finished, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(c->latest() && c->latest()->finished, 5000);
    const CompareSnapshotPtr s = c->latest();
    QCOMPARE(s->runs.size(), size_t(4));
    QCOMPARE(s->runs[3].status, RunStatus::Diverged);  // lr 1e5 diverges, alone
    QCOMPARE(s->runs[1].status, RunStatus::Finished);
    // curves: one series per run, legend names the value, the diverged one marked
    const PlotSpec curves = window.curves()->plotSpec();
    QCOMPARE(curves.series.size(), size_t(4));
    QCOMPARE(curves.series[1].name, QString("0.03"));
    QVERIFY(curves.series[3].name.contains("diverged"));
    QCOMPARE(curves.series[1].points.size(), size_t(6));
    window.tabs()->setCurrentWidget(window.curves());
    QVERIFY(distinct_colors(window.curves()) > 8);
    // boundaries: one panel per run with a heatmap
    window.tabs()->setCurrentWidget(window.boundaries());
    QCOMPARE(window.boundaries()->panelCount(), 4);
    QVERIFY(window.boundaries()->panel(1)->hasPlane());
    QVERIFY(!window.boundaries()->panel(1)->heatmap().isNull());
    QVERIFY(window.boundaries()->panelTitle(1).contains("epoch 6"));
    // summary: a row per run, sortable, CSV with the CLI's columns
    QTableWidget* table = window.summary()->table();
    QCOMPARE(table->rowCount(), 4);
    const QString csv = window.summary()->csv();
    QVERIFY(csv.startsWith("run,seed,metric,source,epochs,final,best"));
    QVERIFY(csv.contains(",diverged,"));
    // The table followed the runs epoch by epoch (only new epochs added at each snapshot); a view
    // that sees just the last snapshot computes the same rows, with or without a target.
    CompareSummaryView fresh;
    fresh.setCompareSnapshot(s);
    QCOMPARE(fresh.csv(), csv);
    window.summary()->setTarget(0.5);
    fresh.setTarget(0.5);
    QCOMPARE(fresh.csv(), window.summary()->csv());
    table->sortItems(2, Qt::DescendingOrder);
    QVERIFY(table->item(0, 0)->text() != table->item(3, 0)->text());
    // LR sweep: one line, 4 points on log axes
    const PlotSpec sweep = window.lrSweep()->plotSpec();
    QCOMPARE(sweep.series.size(), size_t(1));
    QCOMPARE(sweep.series[0].points.size(), size_t(4));
    QVERIFY(sweep.log_x);
    window.tabs()->setCurrentWidget(window.lrSweep());
    QVERIFY(distinct_colors(window.lrSweep()) > 5);
    // landscape: progress, a complete grid, paths per run, drawn
    window.tabs()->setCurrentWidget(window.landscape());
    window.landscape()->setResolution(15);
    window.landscape()->compute();
    QTRY_VERIFY_WITH_TIMEOUT(window.landscape()->result() != nullptr, 30000);
    const LandscapePtr r = window.landscape()->result();
    QVERIFY(r->grid.complete);
    QCOMPARE(r->grid.nx, 15);
    QCOMPARE(r->paths.size(), size_t(4));
    QCOMPARE(r->paths[1].size(), size_t(7));  // the start + 6 epochs
    // centred on the shared start: every path leaves the origin
    for (const auto& path : r->paths) {
      QVERIFY(std::fabs(path.front()[0]) < 1e-6);
      QVERIFY(std::fabs(path.front()[1]) < 1e-6);
    }
    QCOMPARE(window.landscape()->progressBar()->value(), 15 * 15);
    QVERIFY(!r->init_to_final.loss.empty());
    QCOMPARE(r->between.loss.size(), size_t(41));
    QVERIFY(QString::fromStdString(r->between_label).startsWith("lr=0.001 → lr=0.03"));
    QVERIFY(distinct_colors(window.landscape()) > 20);
    // the random-direction plane too, with the line between runs 3 and 2
    window.landscape()->setDirections(LandscapeDirections::Random);
    window.landscape()->setCentre(LandscapeCentre::FirstSolution);
    window.landscape()->setLineRuns(2, 1);
    window.landscape()->compute();
    QTRY_VERIFY_WITH_TIMEOUT(window.landscape()->result() != r, 30000);
    QCOMPARE(window.landscape()->result()->directions, LandscapeDirections::Random);
    const auto& first_path = window.landscape()->result()->paths[0];
    QVERIFY(std::fabs(first_path.back()[0]) < 1e-6);  // run 1's solution is the origin
    QVERIFY(std::fabs(first_path.back()[1]) < 1e-6);
    QVERIFY(QString::fromStdString(window.landscape()->result()->between_label)
                .startsWith("lr=0.3 → lr=0.03"));
  }

  void runs_can_start_from_the_trained_weights() {
    // Untrained: "from current weights" says what to do and starts nothing.
    {
      CompareWindow window([] { return spiral_project(); });
      window.setVariable(CompareVariable::LearningRate);
      window.setValues("1e-9, 1e-8");
      window.setStartFromCurrentWeights(true);
      QVERIFY(!window.start());
      QVERIFY2(window.message().contains("no trained weights"), qPrintable(window.message()));
    }
    // Trained 30 epochs: with learning rates too small to move the weights, the first epoch's
    // validation loss is the trained network's when starting from it, the initialization's
    // otherwise.
    Project trained = spiral_project();
    CpuBackend backend;
    const DatasetSplits data = load_dataset(trained.dataset);
    Model model(trained.network, backend, trained.training.seed);
    TrainConfig config = trained.training;
    config.epochs = 30;
    Trainer trainer(model, data, config);
    while (trainer.epoch() < 30) trainer.run_epoch();
    trained.weights = model.params().to_host(backend);
    const double trained_val = trainer.evaluate(data.validation).loss;
    auto first_val = [&](bool from_weights) {
      CompareWindow window([trained] { return trained; });
      window.setVariable(CompareVariable::LearningRate);
      window.setValues("1e-9, 1e-8");
      window.setEpochs(1);
      window.setStartFromCurrentWeights(from_weights);
      if (!window.start()) return -1.0;
      if (!QTest::qWaitFor([&] { return window.controller()->state() == State::Finished; }, 30000))
        return -2.0;
      const auto s = window.controller()->latest();
      return s && !s->runs.front().history.empty() ? s->runs.front().history.front().validation.loss
                                                   : -1.0;
    };
    const double from_trained = first_val(true), from_init = first_val(false);
    QVERIFY2(std::fabs(from_trained - trained_val) <= 1e-5 * trained_val,
             qPrintable(QString("from weights %1, trained %2").arg(from_trained).arg(trained_val)));
    QVERIFY2(std::fabs(from_init - trained_val) > 1e-3,
             qPrintable(QString("from init %1, trained %2").arg(from_init).arg(trained_val)));
  }

  void landscape_can_be_cancelled() {
    CompareWindow window([] { return spiral_project(); });
    window.show();
    window.setVariable(CompareVariable::Optimizer);
    window.setValues("SGD(lr=0.1), Adam(lr=0.01)");
    window.setEpochs(3);
    QVERIFY(window.start());
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), State::Finished, 30000);
    window.landscape()->setResolution(201);
    window.landscape()->compute();
    QTRY_VERIFY_WITH_TIMEOUT(window.landscape()->progressBar()->value() > 0, 20000);
    window.landscape()->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(window.landscape()->status().contains("Cancelled"), 20000);
    QVERIFY(window.landscape()->result() == nullptr);
  }

  void trajectories_animate_engine_paths() {
    TrajectoryView view;
    view.resize(900, 600);
    view.show();
    view.setFunction(TestFunction::Rosenbrock);
    view.recompute();
    QCOMPARE(view.paths().size(), size_t(6));
    for (const auto& p : view.paths()) {
      QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
      QCOMPARE(p.points.front().x, -1.5f);  // all leave the same start
      QCOMPARE(p.points.front().y, 2.5f);
    }
    view.play();
    QTRY_VERIFY_WITH_TIMEOUT(view.shownStep() > 20, 5000);
    view.pause();
    const int shown = view.shownStep();
    QTest::qWait(100);
    QCOMPARE(view.shownStep(), shown);
    QVERIFY(distinct_colors(&view) > 20);
    // clicking a start point: every path starts there
    view.setStart(0.5, -0.5);
    view.recompute();
    for (const auto& p : view.paths()) QCOMPARE(p.points.front().x, 0.5f);
    // an invalid hyperparameter shows its reason instead of a path
    view.setOptimizerSpec(0, "SGD(lr=0.1,beta1=0.9)");
    QVERIFY(!view.paths()[0].error.isEmpty());
    for (const TestFunctionInfo& f : test_functions()) {
      view.setFunction(f.function);
      view.recompute();
      QVERIFY2(view.maxSteps() > 0, f.name);
    }
  }

  void a_batch_size_by_learning_rate_grid() {
    CompareWindow window([] { return spiral_project(); });
    window.resize(1000, 700);
    window.show();
    window.setVariable(CompareVariable::BatchSize);
    window.setValues("10, 50");
    window.setSecondVariable(CompareVariable::LearningRate, "0.01, 0.1, 1");
    window.setEpochs(4);
    QVERIFY2(window.start(), qPrintable(window.message()));
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), State::Finished, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->latest()->finished, 5000);
    const CompareSnapshotPtr s = window.controller()->latest();
    QCOMPARE(s->runs.size(), size_t(6));
    QCOMPARE(s->runs[4].value, std::string("batch_size=50 lr=0.1"));
    QCOMPARE(s->runs[4].batch_size, 50);
    QCOMPARE(s->runs[4].lr, 0.1f);
    // the LR picture: one line per batch size, three learning rates each
    const PlotSpec sweep = window.lrSweep()->plotSpec();
    QCOMPARE(sweep.series.size(), size_t(2));
    QCOMPARE(sweep.series[1].name, QString("batch_size=50"));
    QCOMPARE(sweep.series[1].points.size(), size_t(3));
    QCOMPARE(sweep.series[1].points[0].x(), double(0.01f));
    // too many runs for the studio
    window.setValues("1, 2, 5, 10, 20, 50");
    QVERIFY(!window.start());
    QVERIFY(window.message().contains("18 runs"));
  }

  void bad_values_are_refused_with_a_message() {
    CompareWindow window([] { return spiral_project(); });
    window.setVariable(CompareVariable::Optimizer);
    window.setValues("SGD, Adamm");
    QVERIFY(!window.start());
    QVERIFY2(window.message().contains("did you mean 'Adam'"), qPrintable(window.message()));
    window.setValues("SGD");
    QVERIFY(!window.start());
    QVERIFY(window.message().contains("2 to 8"));
    QCOMPARE(window.controller()->state(), State::Idle);
  }

  void the_compare_menu_opens_one_window() {
    QStandardPaths::setTestModeEnabled(true);  // no settings written where the user keeps them
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("compare-lab-test");
    MainWindow main;
    QAction* runs = nullptr;
    QAction* trajectories = nullptr;
    for (QAction* menu : main.menuBar()->actions())
      if (menu->menu() && menu->text() == "&Compare")
        for (QAction* a : menu->menu()->actions()) {
          if (a->text().startsWith("Compare &Runs")) runs = a;
          if (a->text().startsWith("Optimizer &Trajectories")) trajectories = a;
        }
    QVERIFY(runs && trajectories);
    runs->trigger();
    auto windows = main.findChildren<CompareWindow*>();
    QCOMPARE(windows.size(), qsizetype(1));
    QVERIFY(windows[0]->isVisible());
    QCOMPARE(windows[0]->tabs()->currentWidget(), windows[0]->curves());
    trajectories->trigger();  // the same window, on the test functions
    QCOMPARE(main.findChildren<CompareWindow*>().size(), qsizetype(1));
    QCOMPARE(windows[0]->tabs()->currentWidget(), windows[0]->trajectories());
  }

  void closing_mid_run_exits_cleanly() {
    auto window = std::make_unique<CompareWindow>([] { return spiral_project(); });
    window->setVariable(CompareVariable::BatchSize);
    window->setValues("1, 10, 100");
    window->setEpochs(500);
    QVERIFY(window->start());
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), State::Running, 10000);
    QTest::qWait(100);
    window.reset();  // joins the worker thread
  }
};

QTEST_MAIN(TestCompareLab)
#include "test_compare_lab.moc"
