// RunGroup: runs of a comparison start from bitwise the same weights and see the samples in the
// same order, so each run's curve equals the same configuration trained alone; a diverging run
// stops alone; variations parse and apply as documented; summaries and bands compute correctly.
#include <QtTest>
#include <cmath>
#include <cstring>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/compare/optimizer_hyper.h"
#include "engine/compare/run_group.h"
#include "engine/compare/run_summary.h"
#include "engine/compare/variation.h"
#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"

using namespace bp;

namespace {

DatasetSplits spiral() {
  DatasetSpec spec;
  spec.toy = ToyKind::Spiral;
  spec.samples = 200;
  spec.seed = 3;
  return load_dataset(spec);
}

NetworkSpec mlp() {
  NodeSpec a, b, c;
  a.kind = b.kind = c.kind = NodeKind::Linear;
  a.params.out_features = b.params.out_features = 16;
  a.params.activation = b.params.activation = Activation::Tanh;
  c.params.out_features = 2;
  return make_sequential({2}, {a, b, c});
}

TrainConfig base_config() {
  TrainConfig c;
  c.optimizer.lr = 0.03f;
  c.epochs = 6;
  c.batch_size = 10;
  c.seed = 5;
  return c;
}

std::vector<float> flat(Model& m) {
  std::vector<float> w(static_cast<size_t>(m.params().values().numel()));
  m.backend().memory().download(m.params().values(), w.data());
  return w;
}

bool bitwise_equal(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

class TestCompareRunGroup : public QObject {
  Q_OBJECT
 private slots:
  void runs_share_bitwise_initial_weights() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    const auto runs = make_runs(mlp(), base_config(),
                                {{CompareVariable::Optimizer, {"SGD", "Adam", "RMSprop"}},
                                 {CompareVariable::Activation, {"Tanh", "ReLU"}}},
                                1);
    QCOMPARE(runs.size(), size_t(6));
    RunGroup group(runs, data, backend);
    for (size_t i = 1; i < group.size(); ++i)
      QVERIFY(bitwise_equal(group.run(i).weights.front(), group.run(0).weights.front()));
    // the shared start is the seed's initialization of the project's network
    Model alone(mlp(), backend, base_config().seed);
    QVERIFY(bitwise_equal(flat(alone), group.run(0).weights.front()));
    // varying the initializer gives each run its own start
    const auto inits = make_runs(mlp(), base_config(),
                                 {{CompareVariable::Initializer, {"xavier_uniform", "zeros"}}}, 1);
    RunGroup own(inits, data, backend);
    QVERIFY(!bitwise_equal(own.run(0).weights.front(), own.run(1).weights.front()));
    // a given checkpoint (e.g. the project's weights) is every run's start
    Model other(mlp(), backend, 99);
    RunGroupOptions options;
    options.initial_weights = other.params().to_host(backend);
    RunGroup from(runs, data, backend, options);
    for (size_t i = 0; i < from.size(); ++i)
      QVERIFY(bitwise_equal(from.run(i).weights.front(), flat(other)));
    QVERIFY(!bitwise_equal(flat(other), group.run(0).weights.front()));
    // weights that do not fit the network are refused with the run named
    NodeSpec wide;
    wide.kind = NodeKind::Linear;
    wide.params.out_features = 3;
    Model misfit(make_sequential({2}, {wide}), backend, 1);
    options.initial_weights = misfit.params().to_host(backend);
    QVERIFY_THROWS_EXCEPTION(Error, RunGroup(runs, data, backend, options));
  }

  void each_curve_equals_the_run_trained_alone() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    const auto runs =
        make_runs(mlp(), base_config(),
                  {{CompareVariable::Optimizer, {"SGD(momentum=0.9)", "Adam(lr=0.01)"}},
                   {CompareVariable::BatchSize, {"10", "32"}}},
                  2);
    QCOMPARE(runs.size(), size_t(8));
    RunGroup group(runs, data, backend);
    int slices = 0;
    while (group.advance(7) > 0) ++slices;
    QVERIFY(slices > 10);  // interleaved in many slices
    QVERIFY(group.finished());
    for (size_t i = 0; i < group.size(); ++i) {
      const CompareRun& r = group.run(i);
      QCOMPARE(r.status, RunStatus::Finished);
      Model model(r.spec.network, backend, r.spec.config.seed);
      Trainer trainer(model, data, r.spec.config);
      QVERIFY(trainer.run(nullptr, nullptr));
      const auto& a = trainer.history();
      const auto b = r.history.records();
      QCOMPARE(r.trainer->history().size(), size_t{1});  // the run holds the records, once
      QCOMPARE(a.size(), b.size());
      for (size_t k = 0; k < a.size(); ++k) {
        QCOMPARE(a[k].train.loss, b[k].train.loss);  // bitwise: doubles compared exactly
        QCOMPARE(a[k].validation.loss, b[k].validation.loss);
        QCOMPARE(a[k].validation.accuracy, b[k].validation.accuracy);
      }
      QVERIFY(bitwise_equal(flat(model), r.weights.back()));
      QCOMPARE(r.weights.size(), size_t(base_config().epochs + 1));
    }
    // the runs really differ
    QVERIFY(group.run(0).history.back().train.loss != group.run(2).history.back().train.loss);
  }

  void runs_see_the_samples_in_the_same_order() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    const auto runs = make_runs(mlp(), base_config(),
                                {{CompareVariable::BatchSize, {"1", "10", "33"}},
                                 {CompareVariable::Optimizer, {"SGD", "Adam"}}},
                                1);
    RunGroup group(runs, data, backend);
    std::vector<int64_t> previous;
    for (int epoch = 0; epoch < 3; ++epoch) {
      // step until every run is inside epoch `epoch` (its order for the epoch drawn)
      auto inside = [&](size_t i) {
        const CompareRun& r = group.run(i);
        return r.trainer->epoch() == epoch && r.samples_in_epoch > 0;
      };
      for (size_t guard = 0; guard < 100000; ++guard) {
        bool all = true;
        for (size_t i = 0; i < group.size(); ++i) all = all && inside(i);
        if (all) break;
        group.advance(1);
      }
      const std::vector<int64_t> order = group.run(0).trainer->state().order;
      QCOMPARE(order.size(), size_t(data.train.size()));
      for (size_t i = 1; i < group.size(); ++i) {
        QVERIFY(inside(i));
        QVERIFY(group.run(i).trainer->state().order == order);
      }
      QVERIFY(order != previous);  // a new epoch, a new order (the same for all)
      previous = order;
    }
    // another seed, another order
    TrainConfig other = base_config();
    other.seed = 6;
    RunGroup second(make_runs(mlp(), other, {}, 1), data, backend);
    second.advance(1);
    RunGroup first(make_runs(mlp(), base_config(), {}, 1), data, backend);
    first.advance(1);
    QVERIFY(second.run(0).trainer->state().order != first.run(0).trainer->state().order);
  }

  void runs_stay_level_by_epoch() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    const auto runs =
        make_runs(mlp(), base_config(), {{CompareVariable::BatchSize, {"1", "100"}}}, 1);
    RunGroup group(runs, data, backend);
    group.advance(300);
    QVERIFY(std::fabs(group.progress(0) - group.progress(1)) <= 1.0);
    QVERIFY(group.run(0).steps > 10 * group.run(1).steps);
  }

  void a_diverging_run_stops_alone() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    const auto runs =
        make_runs(mlp(), base_config(), {{CompareVariable::LearningRate, {"0.03", "1e6"}}}, 1);
    RunGroup group(runs, data, backend);
    while (group.advance(50) > 0) {
    }
    QCOMPARE(group.run(1).status, RunStatus::Diverged);
    QVERIFY(!group.run(1).message.empty());
    QCOMPARE(group.run(0).status, RunStatus::Finished);
    QCOMPARE(group.run(0).trainer->epoch(), base_config().epochs);
    const auto summary = summarize(group, 0.5);
    QCOMPARE(summary[1].status, RunStatus::Diverged);
    const std::string csv = summary_csv(summary);
    QVERIFY(csv.find("diverged") != std::string::npos);
    QVERIFY(csv.rfind(kSummaryHeader, 0) == 0);
  }

  void variations_parse_and_apply() {
    TrainConfig c = base_config();
    NetworkSpec n = mlp();
    const OptimizerConfig adam = parse_optimizer_value("adam(lr=0.01,beta2=0.99)", c.optimizer);
    QCOMPARE(adam.kind, OptimizerKind::Adam);
    QCOMPARE(adam.lr, 0.01f);
    QCOMPARE(adam.beta2, 0.99f);
    QCOMPARE(adam.eps, 1e-8f);
    // the project's own kind keeps the project's hyperparameters
    QCOMPARE(parse_optimizer_value("SGD", c.optimizer).lr, 0.03f);
    QCOMPARE(parse_optimizer_value("RMSprop", c.optimizer).lr, 0.01f);  // torch default
    QCOMPARE(describe_optimizer(parse_optimizer_value(
                 "SGD(momentum=0.9,nesterov=true)", default_optimizer_config(OptimizerKind::SGD))),
             std::string("SGD(momentum=0.9,nesterov=true)"));
    QCOMPARE(split_values("SGD(momentum=0.9,nesterov=true), Adam"),
             (std::vector<std::string>{"SGD(momentum=0.9,nesterov=true)", "Adam"}));
    QVERIFY_THROWS_EXCEPTION(Error, parse_optimizer_value("Adamm", c.optimizer));
    QVERIFY_THROWS_EXCEPTION(Error, parse_optimizer_value("Adam(momentum=0.9)", c.optimizer));
    QVERIFY_THROWS_EXCEPTION(Error, apply_variation(CompareVariable::LearningRate, "-1", n, c));
    QVERIFY_THROWS_EXCEPTION(Error, apply_variation(CompareVariable::BatchSize, "2.5", n, c));
    QVERIFY_THROWS_EXCEPTION(Error, apply_variation(CompareVariable::Dropout, "0.5", n, c));
    apply_variation(CompareVariable::Activation, "relu", n, c);
    QCOMPARE(n.nodes[1].params.activation, Activation::ReLU);
    QCOMPARE(n.nodes[3].params.activation, Activation::Identity);  // the output layer stays
    apply_variation(CompareVariable::L2, "1e-3", n, c);
    QCOMPARE(c.regularization.l2, 1e-3f);
    QCOMPARE(parse_compare_variable("learning_rate"), std::optional(CompareVariable::LearningRate));
    QVERIFY(!parse_compare_variable("colour"));
    // a grid: cartesian product, labels name every value, seeds repeat each configuration
    const auto runs = make_runs(mlp(), base_config(),
                                {{CompareVariable::BatchSize, {"10", "50"}},
                                 {CompareVariable::LearningRate, {"0.1", "0.01", "0.001"}}},
                                2);
    QCOMPARE(runs.size(), size_t(12));
    QCOMPARE(runs[0].label, std::string("batch_size=10 lr=0.1 seed=5"));
    QCOMPARE(runs[11].label, std::string("batch_size=50 lr=0.001 seed=6"));
    QCOMPARE(runs[11].config_index, 5);
    QCOMPARE(runs[11].config.batch_size, 50);
    QVERIFY_THROWS_EXCEPTION(Error, make_runs(mlp(), base_config(),
                                              {{CompareVariable::LearningRate, {"0.1"}},
                                               {CompareVariable::LearningRate, {"0.2"}}},
                                              1));
  }

  void summaries_and_bands() {
    const Band band = mean_std_band({{1.0, 2.0, 3.0}, {3.0, 4.0}});
    QCOMPARE(band.mean, (std::vector<double>{2.0, 3.0, 3.0}));
    QCOMPARE(band.std[0], std::sqrt(2.0));
    QCOMPARE(band.std[2], 0.0);
    std::vector<RunSummary> rs(3);
    rs[0].label = "lr=0.1 seed=1", rs[0].final_value = 0.8, rs[0].best_value = 0.9;
    rs[1].label = "lr=0.1 seed=2", rs[1].final_value = 0.6, rs[1].best_value = 0.7;
    rs[2].label = "lr=0.01 seed=1", rs[2].config_index = 1, rs[2].final_value = 0.5;
    rs[2].best_value = 0.5;
    const auto configs = summarize_configs(rs);
    QCOMPARE(configs.size(), size_t(2));
    QCOMPARE(configs[0].label, std::string("lr=0.1"));
    QCOMPARE(configs[0].runs, 2);
    QVERIFY(std::fabs(configs[0].final_mean - 0.7) < 1e-12);
    QVERIFY(std::fabs(configs[0].final_std - std::sqrt(0.02)) < 1e-12);
  }

  void summary_reports_time_to_target() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    TrainConfig c = base_config();
    c.optimizer = default_optimizer_config(OptimizerKind::Adam);
    c.optimizer.lr = 0.02f;
    c.epochs = 30;
    RunGroup group(make_runs(mlp(), c, {}, 1), data, backend);
    while (group.advance(100) > 0) {
    }
    const auto h = group.run(0).history.records();
    // the target: the accuracy the run had at epoch 10 (it may have reached it earlier)
    const double target = h[9].validation.accuracy;
    const RunSummary s = summarize(group, target).front();
    QVERIFY(s.target_epoch.has_value());
    QVERIFY(*s.target_epoch <= 10);
    QVERIFY(s.target_seconds.has_value() && *s.target_seconds > 0.0);
    QCOMPARE(*s.target_seconds,
             group.run(0).history.seconds_at(static_cast<size_t>(*s.target_epoch - 1)));
    for (int e = 1; e < *s.target_epoch; ++e)
      QVERIFY(h[static_cast<size_t>(e - 1)].validation.accuracy < target);
    QVERIFY(!summarize(group, 1.01).front().target_epoch.has_value());
    QCOMPARE(s.epochs, 30);
    QVERIFY(s.best_value >= s.final_value);
  }
};

QTEST_APPLESS_MAIN(TestCompareRunGroup)
#include "test_compare_run_group.moc"
