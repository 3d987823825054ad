// The engine features LeCun 1989's training needs (docs/lecun1989.md): the scaled tanh
// 1.7159 tanh(2x/3), the U(-2.4/fan_in, 2.4/fan_in) initializer, +-1 targets for MSE, per-layer
// learning rates (LayerParams::lr_scale), and the autoencoder's "reconstruct the input" targets.
// The scaled tanh's gradient is checked with every other activation by test_dense_gradcheck and
// test_dense_naive_vs_fast (they iterate all_activations()).
#include <QtTest>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/graph/model.h"
#include "engine/init/initializers.h"
#include "engine/io/project.h"
#include "engine/train/batch_targets.h"
#include "engine/train/trainer.h"
#include "tests/common/inside_nets.h"

using namespace bp;

namespace {

NetworkSpec mlp(float lr_scale_first) {
  NodeSpec a, b;
  a.kind = b.kind = NodeKind::Linear;
  a.name = "fc1";
  b.name = "fc2";
  a.params.out_features = 8;
  a.params.activation = Activation::ScaledTanh;
  a.params.lr_scale = lr_scale_first;
  b.params.out_features = 2;
  return make_sequential({2}, {a, b});
}

DatasetSplits rings() {
  DatasetSplits s;
  s.train = test::rings(200, 1, 3.14159f);
  s.validation = test::rings(50, 2, 3.14159f);
  s.test = test::rings(50, 3, 3.14159f);
  return s;
}

// The weights of `name` after `steps` plain-SGD steps at `lr`.
std::vector<float> after_steps(const NetworkSpec& spec, float lr, int steps,
                               const std::string& name) {
  const DatasetSplits data = rings();
  TrainConfig c;
  c.loss = LossKind::MSELoss;
  c.target = TargetMode::PlusMinusOne;
  c.optimizer.kind = OptimizerKind::SGD;
  c.optimizer.lr = lr;
  c.batch_size = 10;
  CpuBackend backend;
  Model model(spec, backend, 5);
  Trainer trainer(model, data, c);
  for (int i = 0; i < steps; ++i) trainer.step();
  return model.params().to_host(backend).at(name);
}

double max_diff(const std::vector<float>& a, const std::vector<float>& b) {
  double m = 0.0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(double(a[i]) - b[i]));
  return m;
}

}  // namespace

class TestLecunFeatures : public QObject {
  Q_OBJECT
 private slots:
  void scaled_tanh_maps_plus_minus_one_to_itself() {
    NodeSpec act;
    act.kind = NodeKind::Activation;
    act.params.activation = Activation::ScaledTanh;
    CpuBackend backend;
    Model model(make_sequential({3}, {act}), backend, 1);
    Tensor x = Tensor::cpu({1, 3});
    x.data()[0] = 1.0f;
    x.data()[1] = -1.0f;
    x.data()[2] = 3.0f;
    const Tensor& y = model.forward(x, Mode::Eval);
    QVERIFY(std::fabs(y.data()[0] - 1.0f) < 2e-4f);  // 1.7159 tanh(2/3) = 1.00002
    QVERIFY(std::fabs(y.data()[1] + 1.0f) < 2e-4f);
    QVERIFY(std::fabs(y.data()[2] - 1.7159f * std::tanh(2.0f)) < 1e-5f);
  }

  void fan_in_uniform_bounds() {
    InitSpec s;
    s.kind = InitKind::FanInUniform;
    s.a = 2.4f;
    std::vector<float> w(12 * 25);
    Rng rng(3);
    initialize(w, Shape{12, 25}, s, 25, 12, rng);
    float lo = 1.0f, hi = -1.0f;
    for (float v : w) lo = std::min(lo, v), hi = std::max(hi, v);
    QVERIFY(lo >= -2.4f / 25 && hi <= 2.4f / 25);
    QVERIFY(lo < -0.8f * 2.4f / 25 && hi > 0.8f * 2.4f / 25);  // fills the range
    // saved and read back with the network
    Project p;
    p.network = mlp(1.0f);
    p.network.nodes[1].params.weight_init = s;
    const Project back = parse_project(project_to_json(p));
    QCOMPARE(back.network.nodes[1].params.weight_init, s);
  }

  void target_modes_encode() {
    Dataset d = test::rings(4, 1);
    const TargetLayout pm =
        choose_target_layout(LossKind::MSELoss, Shape{2}, d, TargetMode::PlusMinusOne);
    float t[2];
    encode_target(pm, d, 0, t);
    const int cls = static_cast<int>(*d.target(0));
    QCOMPARE(t[cls], 1.0f);
    QCOMPARE(t[1 - cls], -1.0f);
    QVERIFY_THROWS_EXCEPTION(Error, choose_target_layout(LossKind::CrossEntropyLoss, Shape{2}, d,
                                                         TargetMode::PlusMinusOne));
    const TargetLayout rec =
        choose_target_layout(LossKind::MSELoss, Shape{2}, d, TargetMode::Reconstruct);
    encode_target(rec, d, 3, t);
    QCOMPARE(t[0], d.sample(3)[0]);
    QCOMPARE(t[1], d.sample(3)[1]);
    try {
      choose_target_layout(LossKind::MSELoss, Shape{3}, d, TargetMode::Reconstruct);
      QFAIL("a 3-output network cannot reconstruct 2 inputs");
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("out_features to 2"), e.what());
    }
    // the file keeps the mode
    Project p;
    p.network = mlp(1.0f);
    p.training.target = TargetMode::Reconstruct;
    QCOMPARE(parse_project(project_to_json(p)).training.target, TargetMode::Reconstruct);
    p.training.target = TargetMode::Auto;
    QVERIFY(!QString::fromStdString(project_to_json(p)).contains("\"target\""));
  }

  void lr_scale_is_a_per_layer_learning_rate() {
    const std::vector<float> start = after_steps(mlp(1.0f), 0.05f, 0, "fc1.weight");
    // 0 freezes the layer; the next layer still learns
    QCOMPARE(after_steps(mlp(0.0f), 0.05f, 5, "fc1.weight"), start);
    QVERIFY(after_steps(mlp(0.0f), 0.05f, 5, "fc2.weight") !=
            after_steps(mlp(0.0f), 0.05f, 0, "fc2.weight"));
    // one SGD step with lr_scale 2 moves fc1 exactly as lr * 2 does
    const std::vector<float> scaled = after_steps(mlp(2.0f), 0.05f, 1, "fc1.weight");
    const std::vector<float> doubled = after_steps(mlp(1.0f), 0.1f, 1, "fc1.weight");
    QVERIFY(max_diff(scaled, start) > 1e-4);
    QVERIFY2(max_diff(scaled, doubled) < 1e-6,
             qPrintable(QString::number(max_diff(scaled, doubled))));
    Project p;
    p.network = mlp(0.25f);
    QCOMPARE(parse_project(project_to_json(p)).network.nodes[1].params.lr_scale, 0.25f);
  }
};

QTEST_APPLESS_MAIN(TestLecunFeatures)
#include "test_lecun_features.moc"
