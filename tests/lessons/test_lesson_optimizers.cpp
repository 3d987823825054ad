// Lesson "Optimizers from the same start" (resources/lessons/optimizers.json): six optimizers
// trained side by side by the compare lab's RunGroup from bitwise the same weights and the same
// sample order, and their first steps on the ill-conditioned bowl of the trajectories view.
#include <QtTest>

#include <algorithm>

#include "engine/compare/run_group.h"
#include "engine/compare/trajectory.h"
#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

const char* const kOptimizers[] = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"};

}  // namespace

class TestLessonOptimizers : public QObject {
  Q_OBJECT
 private slots:
  void adaptive_beat_momentum_beats_plain() {
    const Lesson lesson = bundled_lesson("optimizers");
    const Project& first = lesson.project("sgd");
    const DatasetSplits data = load_dataset(first.dataset);
    std::vector<RunSpec> specs;
    for (const char* id : kOptimizers) {
      const Project& p = lesson.project(id);
      QCOMPARE(p.dataset.toy, first.dataset.toy);
      RunSpec s;
      s.label = id;
      s.network = p.network;
      s.config = p.training;
      s.config_index = static_cast<int>(specs.size());
      specs.push_back(s);
    }
    CpuBackend backend;
    RunGroupOptions options;
    options.record_weights_every = 0;  // only the initial weights, to check the shared start
    RunGroup group(specs, data, backend, options);
    while (group.advance(1000) > 0) {
    }
    std::map<std::string, double> loss;
    for (size_t i = 0; i < group.size(); ++i) {
      CompareRun& run = group.run(i);
      QCOMPARE(run.status, RunStatus::Finished);
      QVERIFY(run.weights.front() == group.run(0).weights.front());  // the same start
      loss[run.spec.label] = run.trainer->evaluate(data.train).loss;
      qInfo("%-9s final training loss %.4f", run.spec.label.c_str(), loss[run.spec.label]);
    }
    const double adaptive = std::max(loss["adam"], loss["rmsprop"]);
    const double best_momentum = std::min(loss["momentum"], loss["nesterov"]);
    const double worst_momentum = std::max(loss["momentum"], loss["nesterov"]);
    const double plain = std::min(loss["sgd"], loss["adagrad"]);
    QVERIFY2(adaptive < best_momentum, "Adam and RMSprop should be ahead of momentum");
    QVERIFY2(worst_momentum < 0.8 * plain, "momentum should be ahead of SGD and Adagrad");
  }

  void adaptive_methods_step_equally_in_every_direction() {
    // (x^2 + 50 y^2) / 2 from (-2.5, 1): the gradient (-2.5, 50) is 20x steeper in y.
    const std::array<float, 2> start{-2.5f, 1.0f};
    const auto first_step_ratio = [&](OptimizerConfig c) {
      CpuBackend backend;
      const auto path = optimize_test_function(backend, TestFunction::IllConditioned, c, start, 1);
      return std::fabs(path[1].x - path[0].x) / std::fabs(path[1].y - path[0].y);
    };
    const auto config = [](OptimizerKind kind) {
      OptimizerConfig c = default_optimizer_config(kind);
      c.lr = 0.01f;
      return c;
    };
    const double sgd = first_step_ratio(config(OptimizerKind::SGD));
    qInfo("first step |dx|/|dy|: SGD %.3f", sgd);
    QVERIFY(std::fabs(sgd - 0.05) < 1e-3);
    const std::pair<OptimizerKind, const char*> adaptive[] = {{OptimizerKind::Adagrad, "Adagrad"},
                                                              {OptimizerKind::RMSprop, "RMSprop"},
                                                              {OptimizerKind::Adam, "Adam"}};
    for (const auto& [kind, name] : adaptive) {
      const double r = first_step_ratio(config(kind));
      qInfo("first step |dx|/|dy|: %s %.4f", name, r);
      QVERIFY2(std::fabs(r - 1.0) < 0.01, qPrintable(QString::number(r)));
    }
    // After 100 steps momentum has gone further down the shallow x direction than SGD.
    CpuBackend backend;
    OptimizerConfig momentum = config(OptimizerKind::SGD);
    momentum.momentum = 0.9f;
    const double sgd_loss = optimize_test_function(backend, TestFunction::IllConditioned,
                                                   config(OptimizerKind::SGD), start, 100)
                                .back()
                                .loss;
    const double momentum_loss =
        optimize_test_function(backend, TestFunction::IllConditioned, momentum, start, 100)
            .back()
            .loss;
    qInfo("after 100 steps: SGD %.4g, momentum %.4g", sgd_loss, momentum_loss);
    QVERIFY(momentum_loss < sgd_loss);
  }
};

QTEST_APPLESS_MAIN(TestLessonOptimizers)
#include "test_lesson_optimizers.moc"
