// Inside-the-network snapshot data (engine/train/snapshot/insight_builder.h): exact histogram
// counts, gradient norms and update ratios by parameter name, dead units on a probe batch,
// saliency and Grad-CAM against PyTorch 1.13 (tests/reference/make_attribution_fixtures.py), and
// that taking snapshots leaves training bitwise unchanged.
#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/class_attribution.h"
#include "engine/train/snapshot/histogram.h"
#include "engine/train/snapshot/insight_builder.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"
#include "tests/common/inside_nets.h"

using namespace bp;
using json = nlohmann::json;

namespace {

json load(const std::string& name) {
  std::ifstream f(std::string(BP_SOURCE_DIR) + "/tests/reference/fixtures/" + name);
  if (!f) throw std::runtime_error("missing fixture " + name);
  return json::parse(f);
}

// Largest |a - b| - (atol + rtol |b|) over the arrays; <= 0 when they match.
QString mismatch(const std::vector<float>& a, const json& ref, double atol, double rtol) {
  const auto b = ref.get<std::vector<double>>();
  if (a.size() != b.size()) return QString("size %1 vs %2").arg(a.size()).arg(b.size());
  for (size_t i = 0; i < a.size(); ++i)
    if (std::fabs(a[i] - b[i]) > atol + rtol * std::fabs(b[i]))
      return QString("[%1] %2 vs torch %3").arg(i).arg(a[i]).arg(b[i]);
  return {};
}

TrainConfig sgd(float lr, int batch) {
  TrainConfig c;
  c.loss = LossKind::CrossEntropyLoss;
  c.optimizer.kind = OptimizerKind::SGD;
  c.optimizer.lr = lr;
  c.optimizer.momentum = 0.9f;
  c.batch_size = batch;
  c.epochs = 3;
  c.seed = 5;
  return c;
}

// A state without its wall-clock times (the only part two identical runs may differ in).
TrainState without_time(TrainState s) {
  s.epoch_seconds = 0.0;
  for (EpochRecord& r : s.history) r.seconds = 0.0;
  return s;
}

}  // namespace

class TestInsideSnapshot : public QObject {
  Q_OBJECT
 private slots:
  void histogram_counts_are_exact() {
    const std::vector<float> v{0.0f, 0.1f, 0.25f, 0.5f, 0.5f, 0.99f, 1.0f, NAN, INFINITY};
    const Histogram h = make_histogram(v, 4);
    QCOMPARE(h.lo, 0.0);
    QCOMPARE(h.hi, 1.0);
    // [0, .25): 0, .1   [.25, .5): .25   [.5, .75): .5 .5   [.75, 1]: .99 1
    QCOMPARE(h.counts, (std::vector<int64_t>{2, 1, 2, 2}));
    QCOMPARE(h.nonfinite, int64_t(2));
    QCOMPARE(h.total(), int64_t(7));
    const Histogram c = make_histogram(std::vector<float>{3.0f, 3.0f}, 3);
    QCOMPARE(c.counts, (std::vector<int64_t>{0, 2, 0}));
    const Histogram clamp = make_histogram(std::vector<float>{-5.0f, 0.5f, 7.0f}, 2, 0.0, 1.0);
    QCOMPARE(clamp.counts, (std::vector<int64_t>{1, 2}));
  }

  void gradients_by_name_with_norms_and_update_ratio() {
    CpuBackend backend;
    DatasetSplits data{test::rings(64, 1), test::rings(32, 2), {}};
    Model model(test::mlp(2, 2, 8, Activation::Tanh, 2), backend, 3);
    Trainer trainer(model, data, sgd(0.1f, 16));
    InsightBuilder insight(model, data, LossKind::CrossEntropyLoss);
    trainer.step();
    const auto g1 = insight.gradients(model, trainer.global_step(), true);
    QCOMPARE(g1->params.size(), size_t(6));
    QCOMPARE(g1->params[0].name, std::string("fc1.weight"));
    QCOMPARE(g1->params[0].shape, (std::vector<int64_t>{8, 2}));
    QCOMPARE(g1->params[0].update_ratio, -1.0);  // no earlier snapshot
    // The norm is the gradient's, which the model holds.
    const auto host = model.params().to_host(backend);
    std::vector<float> grad(16);
    backend.memory().download(model.params().grad(*model.params().find("fc1.weight")), grad.data());
    double s = 0.0;
    for (float x : grad) s += double(x) * x;
    QVERIFY(s > 0.0);
    QCOMPARE(g1->params[0].grad_norm, std::sqrt(s));
    QCOMPARE(g1->params[0].grad, grad);
    const std::vector<float> w1 = host.at("fc2.weight");
    trainer.step();
    const auto g2 = insight.gradients(model, trainer.global_step(), false);
    QVERIFY(g2->params[2].grad.empty());
    const std::vector<float> w2 = model.params().to_host(backend).at("fc2.weight");
    double d = 0.0, w = 0.0;
    for (size_t i = 0; i < w1.size(); ++i) d += double(w2[i] - w1[i]) * (w2[i] - w1[i]);
    for (float x : w1) w += double(x) * x;
    QVERIFY(std::fabs(g2->params[2].update_ratio - std::sqrt(d / w)) < 1e-9);
    QVERIFY(g2->first_rms > 0.0 && g2->last_rms > 0.0);
    QVERIFY(!g2->all_zero);
  }

  void dead_units_on_the_probe_batch() {
    CpuBackend backend;
    DatasetSplits data{test::rings(64, 1), test::rings(40, 2), {}};
    Model model(test::mlp(2, 2, 6, Activation::ReLU, 2), backend, 3);
    // fc1's units 0..2 are dead: a bias of -100 keeps them below zero on every input.
    std::map<std::string, std::vector<float>> w = model.params().to_host(backend);
    for (int u = 0; u < 3; ++u) w["fc1.bias"][static_cast<size_t>(u)] = -100.0f;
    for (int u = 3; u < 6; ++u) w["fc1.bias"][static_cast<size_t>(u)] = 100.0f;
    model.params().from_host(backend, w);
    InsightBuilder insight(model, data, LossKind::CrossEntropyLoss);
    std::vector<LayerHistogram> acts;
    const auto probe = insight.activity(model, 0, &acts);
    QCOMPARE(probe->samples, int64_t(40));
    QCOMPARE(probe->layers.size(), size_t(2));
    QCOMPARE(probe->layers[0].name, std::string("fc1"));
    QCOMPARE(probe->layers[0].dead, (std::vector<uint8_t>{1, 1, 1, 0, 0, 0}));
    QCOMPARE(probe->layers[0].dead_fraction, 0.5);
    // one histogram per node output, counting every probe value
    QCOMPARE(acts.size(), size_t(3));
    QCOMPARE(acts[0].histogram.total(), int64_t(40 * 6));
    QCOMPARE(acts[0].histogram.counts.front(), int64_t(40 * 3));  // the zeros of the dead units
  }

  void saliency_and_gradcam_match_pytorch() {
    const json fx = load("attribution_cnn.json");
    CpuBackend backend;
    NodeSpec conv1 = test::node(NodeKind::Conv2d, "conv1");
    conv1.params.out_channels = 4;
    conv1.params.padding = {1, 1};
    NodeSpec relu1 = test::node(NodeKind::Activation, "relu1");
    relu1.params.activation = Activation::ReLU;
    NodeSpec pool1 = test::node(NodeKind::MaxPool2d, "pool1");
    pool1.params.kernel = {2, 2};
    pool1.params.stride = {2, 2};
    NodeSpec conv2 = test::node(NodeKind::Conv2d, "conv2");
    conv2.params.out_channels = 5;
    NodeSpec relu2 = relu1;
    relu2.name = "relu2";
    const NetworkSpec spec =
        make_sequential(Shape{1, 10, 10}, {conv1, relu1, pool1, conv2, relu2,
                                           test::node(NodeKind::Flatten, "flatten"),
                                           test::linear("fc1", 3, Activation::Identity)});
    Model model(spec, backend, 0);
    std::map<std::string, std::vector<float>> weights;
    for (auto& [k, v] : fx["weights"].items()) weights[k] = v.get<std::vector<float>>();
    model.params().from_host(backend, weights);
    const auto xv = fx["x"].get<std::vector<float>>();
    Tensor x = Tensor::cpu(Shape{4, 1, 10, 10});
    std::copy(xv.begin(), xv.end(), x.data());
    QCOMPARE(last_conv_node(model), spec.nodes[4].id);
    int checked = 0;
    for (const json& c : fx["cases"]) {
      const int target = c["target_class"].get<int>();
      const ClassAttribution a = attribute_class(model, x, LossKind::CrossEntropyLoss, target);
      QCOMPARE(a.classes, c["classes"].get<std::vector<int>>());
      QCOMPARE(a.cam_layer, std::string("conv2"));
      QCOMPARE(a.cam_height, 3);
      QCOMPARE(a.cam_width, 3);
      const QString s = mismatch(a.saliency, c["saliency"], 1e-6, 1e-4);
      QVERIFY2(s.isEmpty(), qPrintable("saliency " + s));
      const QString g = mismatch(a.gradcam, c["gradcam"], 1e-6, 1e-4);
      QVERIFY2(g.isEmpty(), qPrintable("grad-cam " + g));
      ++checked;
    }
    QCOMPARE(checked, 2);
    QVERIFY_THROWS_EXCEPTION(Error, attribute_class(model, x, LossKind::CrossEntropyLoss, 3));
  }

  // At step 0 the probe batch's gradients show what the initialization does: with all-zero
  // weights no gradient reaches the layers before the last.
  void step_zero_gradients_of_a_zero_init() {
    CpuBackend backend;
    DatasetSplits data{test::rings(64, 1), test::rings(32, 2), {}};
    NetworkSpec spec = test::mlp(2, 2, 8, Activation::Tanh, 2);
    for (NodeSpec& n : spec.nodes) n.params.weight_init.kind = InitKind::Zeros;
    Model model(spec, backend, 3);
    InsightBuilder insight(model, data, LossKind::CrossEntropyLoss);
    const auto g = insight.probe_gradients(model, 0, {}, true);
    QVERIFY(g);
    QCOMPARE(g->params.size(), size_t(6));
    QCOMPARE(g->params[0].name, std::string("fc1.weight"));
    // Zero weights after them: nothing flows back into fc1 and fc2 (weights and biases) ...
    for (int i = 0; i < 4; ++i) QCOMPARE(g->params[static_cast<size_t>(i)].grad_norm, 0.0);
    // ... while the last layer learns (its inputs tanh(bias) are not zero).
    QVERIFY(g->params[4].grad_norm > 0.0 && g->params[5].grad_norm > 0.0);
    // The same net with PyTorch's default init: every layer gets a gradient.
    Model dflt(test::mlp(2, 2, 8, Activation::Tanh, 2), backend, 3);
    InsightBuilder insight2(dflt, data, LossKind::CrossEntropyLoss);
    const auto g2 = insight2.probe_gradients(dflt, 0, {}, false);
    for (const ParamGradient& p : g2->params) QVERIFY2(p.grad_norm > 0.0, p.name.c_str());
    // ... and leaves no gradient behind.
    std::vector<float> grads(static_cast<size_t>(dflt.params().trainable_count()));
    backend.memory().download(dflt.params().grads(), grads.data());
    for (float v : grads) QCOMPARE(v, 0.0f);
  }

  // Training with every snapshot (plane, feature maps, all insights) after every step takes the
  // same steps as training without any, bitwise.
  void snapshots_leave_training_bitwise_unchanged() {
    for (bool image : {false, true}) {
      CpuBackend backend;
      DatasetSplits data =
          image ? DatasetSplits{test::images(48, 8, 3, 1), test::images(20, 8, 3, 2), {}}
                : DatasetSplits{test::rings(64, 1), test::rings(32, 2), {}};
      const NetworkSpec spec =
          image ? test::small_cnn(3, true) : test::mlp(2, 2, 8, Activation::ReLU, 2);
      const TrainConfig config = sgd(0.05f, 8);
      Model plain(spec, backend, 9), watched(spec, backend, 9);
      Trainer a(plain, data, config), b(watched, data, config);
      DatasetSpec ds;
      SnapshotBuilder builder(watched, ds, data, config.loss);
      InsightBuilder insight(watched, data, config.loss);
      QCOMPARE(insight.hasImages(), image);
      int with_attribution = 0;
      QVERIFY(insight.probe_gradients(watched, 0, config.loss_params, true));  // step 0 spread
      for (int i = 0; i < 20; ++i) {
        a.step();
        b.step();
        TrainingSnapshot s;
        s.weights = watched.params().to_host(backend);
        InsightRequest r = InsightRequest::everything();
        r.attribution_class = i % 3 == 0 ? -1 : i % 3;
        insight.fill(watched, b.global_step(), r, s);
        builder.fillPlane(watched, s);
        builder.fillFeatureMaps(watched, s);
        QVERIFY(s.gradients && s.distributions && s.activity);
        with_attribution += s.attribution != nullptr;
      }
      QCOMPARE(with_attribution, image ? 20 : 0);
      QVERIFY(plain.params().to_host(backend) == watched.params().to_host(backend));
      QVERIFY(without_time(a.state()) == without_time(b.state()));
    }
  }
};

QTEST_APPLESS_MAIN(TestInsideSnapshot)
#include "test_inside_snapshot.moc"
