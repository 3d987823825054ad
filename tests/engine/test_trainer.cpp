// Trainer: learns a separable problem, is deterministic per seed, guards divergence, validates
// the loss/output/data fit, restores the best weights with early stopping, and takes new
// training data in the middle of a run (points added by clicking).
#include <QtTest>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"
#include "tests/common/inside_nets.h"

using namespace bp;

namespace {

// Two interleaved half-rings ("moons"-like).
Dataset make_rings(int n, uint64_t seed) {
  return test::rings(n, seed, 3.14159f);
}

NetworkSpec mlp(Activation act, int64_t hidden, int64_t out) {
  NodeSpec a, b;
  a.kind = b.kind = NodeKind::Linear;
  a.params.out_features = hidden;
  a.params.activation = act;
  b.params.out_features = out;
  return make_sequential({2}, {a, b});
}

DatasetSplits splits(uint64_t seed) {
  DatasetSplits s;
  s.train = make_rings(400, seed);
  s.validation = make_rings(100, seed + 1);
  s.test = make_rings(100, seed + 2);
  return s;
}

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT
 private slots:
  void learns_and_reports_epochs() {
    CpuBackend backend;
    DatasetSplits data = splits(3);
    Model model(mlp(Activation::Tanh, 16, 2), backend, 7);
    TrainConfig config;
    config.loss = LossKind::CrossEntropyLoss;
    config.optimizer.kind = OptimizerKind::SGD;
    config.optimizer.lr = 0.1f;
    config.optimizer.momentum = 0.9f;
    config.batch_size = 16;
    config.epochs = 40;
    Trainer trainer(model, data, config);
    int epochs_seen = 0;
    QVERIFY(trainer.run([&](const EpochRecord&) { ++epochs_seen; }, nullptr));
    QCOMPARE(epochs_seen, 40);
    QCOMPARE(trainer.history().size(), size_t(40));
    QVERIFY(trainer.history().back().train.loss < trainer.history().front().train.loss);
    const Metrics test = trainer.evaluate(data.test);
    QVERIFY2(test.accuracy > 0.95, qPrintable(QString::number(test.accuracy)));
    QCOMPARE(test.samples, int64_t(100));
    // steps: ceil(400 / 16) per epoch
    QCOMPARE(trainer.global_step(), int64_t(25 * 40));
  }

  void replace_data_keeps_weights_counters_and_the_epoch_in_progress() {
    CpuBackend backend;
    const DatasetSplits base = splits(3);  // 400 training samples
    DatasetSplits more = base;
    for (int i = 0; i < 10; ++i) {  // 10 points added at the end of the training split
      more.train.features.insert(more.train.features.end(), {0.1f * i, -0.1f * i});
      more.train.targets.push_back(static_cast<float>(i % 2));
    }
    Model model(mlp(Activation::Tanh, 8, 2), backend, 7);
    TrainConfig config;
    config.loss = LossKind::CrossEntropyLoss;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.lr = 0.01f;
    config.batch_size = 16;
    config.epochs = 10;
    Trainer trainer(model, base, config);
    for (int i = 0; i < 5; ++i) QVERIFY(trainer.step().finite);  // 80 samples into epoch 1
    const auto weights = model.params().to_host(backend);
    QVERIFY(!trainer.replace_data(more));
    QCOMPARE(model.params().to_host(backend), weights);
    QCOMPARE(trainer.global_step(), int64_t{5});
    QCOMPARE(trainer.epoch(), 0);
    // Epoch 1 goes on over its 320 unvisited samples and the 10 new ones: 21 more batches.
    const EpochRecord first = trainer.run_epoch();
    QCOMPARE(first.epoch, 1);
    QCOMPARE(first.train.samples, int64_t{410});
    QCOMPARE(trainer.global_step(), int64_t{5 + 21});
    QCOMPARE(trainer.run_epoch().train.samples, int64_t{410});
    for (int i = 0; i < 3; ++i) QVERIFY(trainer.step().finite);  // 48 samples into epoch 3
    // Taking the points back: the epoch in progress ends over the samples that still exist.
    QVERIFY(!trainer.replace_data(base));
    const EpochRecord third = trainer.run_epoch();
    QVERIFY2(third.train.samples >= 400 && third.train.samples <= 410,
             qPrintable(QString::number(third.train.samples)));
    QCOMPARE(trainer.run_epoch().train.samples, int64_t{400});
    QCOMPARE(trainer.epoch(), 4);
    QCOMPARE(trainer.history().size(), size_t{4});

    // Data the model cannot take is refused and changes nothing.
    DatasetSplits wide = base;
    wide.train.sample_shape = Shape{4};
    const int64_t step = trainer.global_step();
    QVERIFY_THROWS_EXCEPTION(Error, trainer.replace_data(wide));
    QVERIFY(trainer.step().finite);
    QCOMPARE(trainer.global_step(), step + 1);
  }

  void replace_data_ends_an_epoch_left_without_samples() {
    // 2 samples + 2 added ones, batches of 3: after one step one sample is left. Where that is an
    // added one, taking the added ones back leaves the epoch nothing: it ends right there.
    DatasetSplits two;
    two.train = make_rings(2, 5);
    two.validation = make_rings(4, 6);
    DatasetSplits four = two;
    four.train.features.insert(four.train.features.end(), {0.5f, 0.5f, -0.5f, 0.5f});
    four.train.targets.insert(four.train.targets.end(), {0.0f, 1.0f});
    int ended = 0, went_on = 0;
    for (uint64_t seed = 1; seed <= 12; ++seed) {
      CpuBackend backend;
      Model model(mlp(Activation::Tanh, 4, 2), backend, seed);
      TrainConfig config;
      config.loss = LossKind::CrossEntropyLoss;
      config.batch_size = 3;
      config.epochs = 5;
      config.seed = seed;
      Trainer trainer(model, four, config);
      QVERIFY(trainer.step().finite);
      if (trainer.replace_data(two)) {
        ++ended;
        QCOMPARE(trainer.epoch(), 1);
        QCOMPARE(trainer.history().size(), size_t{1});
        QCOMPARE(trainer.history()[0].train.samples, int64_t{3});
      } else {
        ++went_on;
        QCOMPARE(trainer.epoch(), 0);
        QVERIFY(trainer.step().epoch_finished);  // the one sample left
      }
      const StepResult r = trainer.step();  // a whole epoch of the 2 samples
      QVERIFY(r.finite && r.epoch_finished);
      QCOMPARE(trainer.history().back().train.samples, int64_t{2});
    }
    QVERIFY(ended > 0 && went_on > 0);
  }

  void same_seed_same_weights() {
    DatasetSplits data = splits(5);
    TrainConfig config;
    config.optimizer.kind = OptimizerKind::Adam;
    config.optimizer.lr = 0.01f;
    config.batch_size = 10;
    config.epochs = 3;
    auto run = [&](uint64_t seed) {
      CpuBackend backend;
      config.seed = seed;
      Model model(mlp(Activation::ReLU, 8, 2), backend, seed);
      Trainer trainer(model, data, config);
      trainer.run(nullptr, nullptr);
      return model.params().to_host(backend);
    };
    QVERIFY(run(11) == run(11));
    QVERIFY(run(11) != run(12));
  }

  void reset_restores_initial_weights() {
    CpuBackend backend;
    DatasetSplits data = splits(5);
    TrainConfig config;
    config.optimizer.lr = 0.1f;
    config.epochs = 2;
    Model model(mlp(Activation::Tanh, 8, 2), backend, config.seed);
    Trainer trainer(model, data, config);
    const auto initial = model.params().to_host(backend);
    trainer.run_epoch();
    QVERIFY(model.params().to_host(backend) != initial);
    trainer.reset();
    QVERIFY(model.params().to_host(backend) == initial);
    QCOMPARE(trainer.epoch(), 0);
  }

  void divergence_keeps_finite_weights() {
    CpuBackend backend;
    DatasetSplits data = splits(5);
    TrainConfig config;
    config.loss = LossKind::MSELoss;
    config.optimizer.lr = 1e6f;
    config.batch_size = 4;
    config.epochs = 50;
    Model model(mlp(Activation::Identity, 8, 1), backend, 1);
    Trainer trainer(model, data, config);
    QVERIFY(!trainer.run(nullptr, nullptr));
    QVERIFY(!trainer.divergence_message().empty());
    QVERIFY(backend.memory().all_finite(model.params().values()));
  }

  void loss_output_mismatch_is_a_clear_error() {
    CpuBackend backend;
    DatasetSplits data = splits(5);
    TrainConfig config;
    config.loss = LossKind::CrossEntropyLoss;
    Model model(mlp(Activation::Tanh, 8, 3), backend, 1);
    try {
      Trainer trainer(model, data, config);
      QFAIL("expected bp::Error");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("out_features to 2"));
    }
  }

  void stop_flag_interrupts_run() {
    CpuBackend backend;
    DatasetSplits data = splits(5);
    TrainConfig config;
    config.epochs = 1000;
    Model model(mlp(Activation::Tanh, 8, 2), backend, 1);
    Trainer trainer(model, data, config);
    std::atomic<bool> stop{false};
    QVERIFY(trainer.run([&](const EpochRecord& r) { stop = r.epoch >= 3; }, &stop));
    QCOMPARE(trainer.epoch(), 3);
  }

  void early_stopping_restores_best_epoch() {
    CpuBackend backend;
    DatasetSplits data = splits(5);
    // validation = training data with flipped labels: validation loss rises as training fits.
    data.validation = data.train;
    for (auto& t : data.validation.targets) t = 1.0f - t;
    TrainConfig config;
    config.optimizer.lr = 0.05f;
    config.epochs = 200;
    config.regularization.early_stopping.enabled = true;
    config.regularization.early_stopping.patience = 3;
    Model model(mlp(Activation::Tanh, 8, 2), backend, 1);
    Trainer trainer(model, data, config);
    trainer.run(nullptr, nullptr);
    QVERIFY(trainer.stopped_early());
    QVERIFY(trainer.epoch() < 200);
    // the restored weights give the best validation loss seen
    double best = 1e30;
    for (const auto& r : trainer.history()) best = std::min(best, r.validation.loss);
    QVERIFY(std::fabs(trainer.evaluate(data.validation).loss - best) < 1e-6 * (1 + best));
  }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
