// SnapshotBuilder's feature maps and ConfusionBuilder's matrix on a real CNN (the lenet5-digits
// example): every image-shaped layer and the kernels are captured, the saliency is a non-zero map
// per sample, and taking snapshots between steps (eval forwards + the saliency backward pass)
// leaves training exactly as it is without them.
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/snapshot/confusion_builder.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"

using namespace bp;

class TestSnapshotBuilder : public QObject {
  Q_OBJECT

  static NodeSpec dense_layer(int64_t units, Activation f) {
    NodeSpec n;
    n.kind = NodeKind::Linear;
    n.params.out_features = units;
    n.params.activation = f;
    return n;
  }

  static Project lenet() {
    Project p = read_project(BP_SOURCE_DIR "/resources/examples/lenet5-digits.json");
    p.dataset.max_train = 96;
    p.dataset.max_test = 32;
    p.training.batch_size = 16;
    return p;
  }

 private slots:
  void feature_maps_saliency_and_kernels() {
    const Project p = lenet();
    const DatasetSplits data = load_dataset(p.dataset);
    CpuBackend backend;
    Model model(p.network, backend, 1);
    SnapshotBuilder builder(model, p.dataset, data, p.training.loss);
    QVERIFY(builder.hasFeatureMaps());
    TrainingSnapshot s;
    s.weights = model.params().to_host(backend);
    builder.fillFeatureMaps(model, s);
    QVERIFY(s.feature_maps);
    const FeatureMaps& f = *s.feature_maps;
    QCOMPARE(f.samples, SnapshotBuilder::kFeatureMapSamples);
    QCOMPARE(f.outputs, 10);
    // conv1, act1, pool1, conv2, act2, pool2 of LeNet-5
    QCOMPARE(static_cast<int>(f.layers.size()), 6);
    QCOMPARE(f.layers[0].channels, 6);
    QCOMPARE(f.layers[0].height, 28);
    QCOMPARE(static_cast<int>(f.layers[0].values.size()), f.samples * 6 * 28 * 28);
    QCOMPARE(static_cast<int>(f.kernels.size()), 2);
    QCOMPARE(f.kernels[1].in_channels, 6);
    QCOMPARE(static_cast<int>(f.saliency.size()), f.samples * 28 * 28);
    for (int i = 0; i < f.samples; ++i) {
      const auto first = f.saliency.begin() + i * 28 * 28;
      QVERIFY2(*std::max_element(first, first + 28 * 28) > 0.0f, "a saliency map is all zero");
    }
  }

  void confusion_matrix_agrees_with_the_trainer() {
    const Project p = lenet();
    const DatasetSplits data = load_dataset(p.dataset);
    CpuBackend backend;
    Model model(p.network, backend, 1);
    Trainer trainer(model, data, p.training);
    for (int step = 0; step < 6; ++step) trainer.step();
    ConfusionBuilder builder(model, data, p.training.loss);
    QVERIFY(builder.enabled());
    const auto m = builder.matrix(model, 6, true);
    QVERIFY(m);
    QCOMPARE(m->classes, 10);
    const Dataset& split = data.validation.size() > 0 ? data.validation : data.test;
    QCOMPARE(m->samples, split.size());
    int64_t total = 0, diagonal = 0;
    for (int r = 0; r < 10; ++r)
      for (int c = 0; c < 10; ++c) {
        total += m->counts[static_cast<size_t>(r * 10 + c)];
        if (r == c) diagonal += m->counts[static_cast<size_t>(r * 10 + c)];
      }
    QCOMPARE(total, m->samples);
    const Metrics metrics = trainer.evaluate(split);
    QCOMPARE(diagonal, static_cast<int64_t>(std::llround(metrics.accuracy * metrics.samples)));
    // within the interval the last matrix is shared; forced, a new one is made
    QCOMPARE(builder.matrix(model, 7, false), m);
    QVERIFY(builder.matrix(model, 7, true) != m);
  }

  // Regression (issue 12): a one-output MSELoss classifier read 60/60 in the trainer's accuracy
  // and 47/60 on the confusion matrix's diagonal (threshold 0.5 in one, 0 in the other).
  void one_output_mse_confusion_agrees_with_the_trainer() {
    Project p;
    p.network = make_sequential(
        Shape{2}, {dense_layer(8, Activation::Tanh), dense_layer(1, Activation::Identity)});
    p.dataset.source = DatasetSource::Toy;
    p.dataset.toy = ToyKind::Circle;
    p.dataset.samples = 300;
    p.dataset.noise = 0.05f;
    p.training.loss = LossKind::MSELoss;
    p.training.optimizer.kind = OptimizerKind::SGD;
    p.training.optimizer.lr = 0.05f;
    p.training.batch_size = 10;
    p.training.seed = 3;
    const DatasetSplits data = load_dataset(p.dataset);
    CpuBackend backend;
    Model model(p.network, backend, 1);
    Trainer trainer(model, data, p.training);
    ConfusionBuilder builder(model, data, p.training.loss);
    QVERIFY(builder.enabled());
    const Dataset& split = data.validation.size() > 0 ? data.validation : data.test;
    for (int round = 0; round < 8; ++round) {
      for (int step = 0; step < 25; ++step) trainer.step();
      const auto m = builder.matrix(model, trainer.global_step(), true);
      QVERIFY(m);
      QCOMPARE(m->classes, 2);
      const int64_t diagonal = m->counts[0] + m->counts[3];
      const Metrics metrics = trainer.evaluate(split);
      QCOMPARE(diagonal, static_cast<int64_t>(std::llround(metrics.accuracy * metrics.samples)));
    }
  }

  void snapshots_do_not_change_training() {
    const Project p = lenet();
    const DatasetSplits data = load_dataset(p.dataset);
    std::vector<float> weights[2];
    for (int with_snapshots = 0; with_snapshots < 2; ++with_snapshots) {
      CpuBackend backend;
      Model model(p.network, backend, 1);
      SnapshotBuilder builder(model, p.dataset, data, p.training.loss);
      ConfusionBuilder confusion(model, data, p.training.loss);
      Trainer trainer(model, data, p.training);
      for (int step = 0; step < 8; ++step) {
        trainer.step();
        if (with_snapshots) {
          TrainingSnapshot s;
          s.weights = model.params().to_host(backend);
          builder.fillFeatureMaps(model, s);
          confusion.matrix(model, step, true);
        }
      }
      weights[with_snapshots].resize(static_cast<size_t>(model.params().values().numel()));
      backend.memory().download(model.params().values(), weights[with_snapshots].data());
    }
    QVERIFY2(weights[0] == weights[1], "taking snapshots changed the trained weights");
  }
};

QTEST_APPLESS_MAIN(TestSnapshotBuilder)
#include "test_snapshot_builder.moc"
