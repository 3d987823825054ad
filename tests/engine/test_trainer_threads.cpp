// A small CNN trained with the convolution kernels split over 3 threads (the CPU backend's worker
// pool) ends bitwise equal to the same training on one thread: the thread count never changes a
// result. Also the threaded engine run that `./studio test --sanitize` checks with TSan.
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/trainer.h"

using namespace bp;

namespace {

// Input (1, 8, 8) -> Conv2d 4 (3x3) ReLU -> MaxPool 2 -> Flatten -> Linear 3.
constexpr const char* kProject = R"({"format": "backprop-studio-project", "version": 1,
 "network": {"nodes": [
  {"id": 1, "kind": "Input", "name": "input", "params": {"input_shape": [1, 8, 8]}},
  {"id": 2, "kind": "Conv2d", "name": "conv1", "params": {"out_channels": 4, "kernel_size": [3, 3]}},
  {"id": 6, "kind": "Activation", "name": "relu1", "params": {"activation": "ReLU"}},
  {"id": 3, "kind": "MaxPool2d", "name": "pool1", "params": {"kernel_size": [2, 2]}},
  {"id": 4, "kind": "Flatten", "name": "flat"},
  {"id": 5, "kind": "Linear", "name": "fc1", "params": {"out_features": 3}}],
  "edges": [{"id": 1, "from": 1, "to": 2, "port": 0}, {"id": 2, "from": 2, "to": 6, "port": 0},
            {"id": 5, "from": 6, "to": 3, "port": 0},
            {"id": 3, "from": 3, "to": 4, "port": 0}, {"id": 4, "from": 4, "to": 5, "port": 0}]}})";

// n images (1, 8, 8): class k has a bright row 2k plus a seeded texture.
Dataset stripes(int64_t n, uint64_t seed) {
  Dataset ds;
  ds.name = "stripes";
  ds.sample_shape = Shape{1, 8, 8};
  ds.num_classes = 3;
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (int64_t i = 0; i < n; ++i) {
    const int k = static_cast<int>(i % 3);
    for (int p = 0; p < 64; ++p) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      const float noise = static_cast<float>(x % 1000) / 4000.0f;
      ds.features.push_back((p / 8 == 2 * k ? 1.0f : 0.0f) + noise);
    }
    ds.targets.push_back(static_cast<float>(k));
  }
  return ds;
}

using Weights = std::map<std::string, std::vector<float>>;

// (initial, trained) weights
std::pair<Weights, Weights> train_with(int threads) {
  const Project project = parse_project(kProject, "threads.json");
  CpuBackend backend(threads);
  DatasetSplits data{stripes(96, 1), stripes(12, 2), stripes(12, 3)};
  Model model(project.network, backend, 5);
  const Weights initial = model.params().to_host(backend);
  TrainConfig config;
  config.loss = LossKind::CrossEntropyLoss;
  config.optimizer.kind = OptimizerKind::Adam;
  config.optimizer.lr = 0.01f;
  config.batch_size = 32;
  config.epochs = 3;
  config.threads = threads;
  Trainer trainer(model, data, config);
  if (!trainer.run([](const EpochRecord&) {}, nullptr)) qFatal("training diverged");
  return {initial, model.params().to_host(backend)};
}

}  // namespace

class TestTrainerThreads : public QObject {
  Q_OBJECT
 private slots:
  void three_threads_train_bitwise_like_one() {
    const auto [start, one] = train_with(1);
    const auto [start3, three] = train_with(3);
    QVERIFY(start == start3);
    QCOMPARE(one.size(), three.size());
    QVERIFY(!one.empty());
    for (const auto& [name, values] : one) {
      QVERIFY2(three.count(name) == 1, name.c_str());
      QVERIFY2(three.at(name) == values, name.c_str());
    }
    // and the training moved the weights (equal untouched weights would prove nothing)
    QVERIFY(start.at("conv1.weight") != one.at("conv1.weight"));
  }
};

QTEST_APPLESS_MAIN(TestTrainerThreads)
#include "test_trainer_threads.moc"
