// Training-health detectors (engine/train/health/): each fires on its constructed case — an
// all-dead ReLU layer, a 10-layer sigmoid net, lr = 10, a net that overfits 20 points, a loss
// that does not move, a Step activation trained by gradient descent — and all stay quiet on the
// spiral example.
#include <QtTest>
#include <algorithm>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/health/health_detectors.h"
#include "engine/train/health/health_watch.h"
#include "engine/train/trainer.h"
#include "tests/common/inside_nets.h"

using namespace bp;

namespace {

TrainConfig config(OptimizerKind kind, float lr, int batch) {
  TrainConfig c;
  c.loss = LossKind::CrossEntropyLoss;
  c.optimizer = default_optimizer_config(kind);
  c.optimizer.lr = lr;
  c.batch_size = batch;
  c.seed = 3;
  return c;
}

// Trains `epochs` epochs observing after every epoch; returns every finding that fired.
std::vector<HealthFinding> watch(Model& model, const DatasetSplits& data, const TrainConfig& c,
                                 int epochs) {
  Trainer trainer(model, data, c);
  HealthWatch health(model, data, c.loss, trainer.global_step());
  std::vector<HealthFinding> fired;
  for (int e = 0; e < epochs; ++e) {
    StepResult r;
    do {
      r = trainer.step();
    } while (r.finite && !r.diverged && !r.epoch_finished);
    for (HealthFinding& f : health.observe(trainer, r)) fired.push_back(std::move(f));
    if (!r.finite || r.diverged) break;
  }
  return fired;
}

bool has(const std::vector<HealthFinding>& v, HealthKind k, const std::string& layer = "*") {
  return std::any_of(v.begin(), v.end(), [&](const HealthFinding& f) {
    return f.kind == k && (layer == "*" || f.layer == layer);
  });
}

QString describe(const std::vector<HealthFinding>& v) {
  QString s;
  for (const HealthFinding& f : v)
    s +=
        QString("\n  [%1] %2 | %3").arg(to_string(f.kind), f.message.c_str(), f.suggestion.c_str());
  return s.isEmpty() ? QString("none") : s;
}

}  // namespace

class TestHealth : public QObject {
  Q_OBJECT
 private slots:
  void all_dead_relu_layer() {
    CpuBackend backend;
    DatasetSplits data{test::rings(200, 1), test::rings(100, 2), {}};
    Model model(test::mlp(2, 2, 16, Activation::ReLU, 2), backend, 4);
    auto w = model.params().to_host(backend);
    for (float& b : w["fc2.bias"]) b = -100.0f;  // every fc2 unit below zero on every input
    model.params().from_host(backend, w);
    const auto fired = watch(model, data, config(OptimizerKind::SGD, 0.1f, 20), 2);
    QVERIFY2(has(fired, HealthKind::DeadUnits, "fc2"), qPrintable(describe(fired)));
    QVERIFY2(!has(fired, HealthKind::DeadUnits, "fc1"), qPrintable(describe(fired)));
    QVERIFY2(has(fired, HealthKind::ZeroGradients), qPrintable(describe(fired)));
    const auto z = std::find_if(fired.begin(), fired.end(), [](const HealthFinding& f) {
      return f.kind == HealthKind::ZeroGradients;
    });
    QVERIFY2(z->message.find("fc1") != std::string::npos, z->message.c_str());
    QVERIFY2(z->suggestion.find("dead ReLU") != std::string::npos, z->suggestion.c_str());
  }

  void ten_layer_sigmoid_net_vanishes() {
    CpuBackend backend;
    DatasetSplits data{test::rings(200, 1), test::rings(100, 2), {}};
    Model model(test::mlp(2, 9, 16, Activation::Sigmoid, 2), backend, 4);
    const auto fired = watch(model, data, config(OptimizerKind::SGD, 0.1f, 20), 2);
    QVERIFY2(has(fired, HealthKind::VanishingGradients), qPrintable(describe(fired)));
    QVERIFY2(!has(fired, HealthKind::NonFinite), qPrintable(describe(fired)));
  }

  void learning_rate_ten_blows_up() {
    CpuBackend backend;
    const Project spiral =
        read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    const DatasetSplits data = load_dataset(spiral.dataset);
    Model model(spiral.network, backend, spiral.training.seed);
    TrainConfig c = spiral.training;
    c.optimizer.lr = 10.0f;
    const auto fired = watch(model, data, c, 20);
    QVERIFY2(has(fired, HealthKind::NonFinite) || has(fired, HealthKind::ExplodingGradients),
             qPrintable(describe(fired)));
  }

  void twenty_points_overfit() {
    CpuBackend backend;
    // 20 training points with random labels: a big net memorizes them while the held-out loss
    // grows.
    Dataset train = test::rings(20, 1), val = test::rings(200, 2);
    Rng rng(11);
    for (float& t : train.targets) t = rng.uniform(0.0f, 1.0f) < 0.5f ? 0.0f : 1.0f;
    DatasetSplits data{train, val, {}};
    Model model(test::mlp(2, 2, 64, Activation::ReLU, 2), backend, 4);
    const auto fired = watch(model, data, config(OptimizerKind::Adam, 0.01f, 20), 300);
    QVERIFY2(has(fired, HealthKind::Overfitting), qPrintable(describe(fired)));
  }

  void loss_plateau() {
    CpuBackend backend;
    DatasetSplits data{test::rings(200, 1), test::rings(100, 2), {}};
    Model model(test::mlp(2, 1, 8, Activation::Tanh, 2), backend, 4);
    const auto fired =
        watch(model, data, config(OptimizerKind::SGD, 1e-7f, 20), health::kPlateauEpochs + 2);
    QVERIFY2(has(fired, HealthKind::LossPlateau), qPrintable(describe(fired)));
  }

  void step_activation_gets_no_gradient() {
    CpuBackend backend;
    DatasetSplits data{test::rings(100, 1), test::rings(50, 2), {}};
    Model model(make_sequential(Shape{2}, {test::linear("fc1", 1, Activation::Step)}), backend, 4);
    TrainConfig c = config(OptimizerKind::SGD, 0.1f, 10);
    c.loss = LossKind::MSELoss;
    const auto fired = watch(model, data, c, 1);
    QVERIFY2(has(fired, HealthKind::ZeroGradients), qPrintable(describe(fired)));
    QVERIFY2(fired.front().suggestion.find("perceptron rule") != std::string::npos,
             qPrintable(describe(fired)));
    QCOMPARE(fired.front().severity, HealthSeverity::Error);
  }

  void quiet_on_the_spiral_example() {
    CpuBackend backend;
    const Project spiral =
        read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    const DatasetSplits data = load_dataset(spiral.dataset);
    Model model(spiral.network, backend, spiral.training.seed);
    const auto fired = watch(model, data, spiral.training, spiral.training.epochs);
    QVERIFY2(fired.empty(), qPrintable(describe(fired)));
  }

  // Each finding fires once while it lasts and again only after it went away.
  void fires_once() {
    HealthMonitor m;
    GradientSnapshot g;
    ParamGradient p;
    p.name = "fc1.weight";
    p.layer = "fc1";
    p.shape = {2, 2};
    g.params = {p};
    HealthObservation o;
    o.gradients = &g;
    QCOMPARE(m.observe(o).size(), size_t(1));  // zero gradients
    QCOMPARE(m.observe(o).size(), size_t(0));
    QCOMPARE(m.report().active.size(), size_t(1));
    g.params[0].grad_norm = 1.0;
    QCOMPARE(m.observe(o).size(), size_t(0));
    QCOMPARE(m.report().active.size(), size_t(0));
    g.params[0].grad_norm = 0.0;
    QCOMPARE(m.observe(o).size(), size_t(1));
  }
};

QTEST_APPLESS_MAIN(TestHealth)
#include "test_health.moc"
