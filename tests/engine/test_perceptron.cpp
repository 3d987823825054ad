// Rosenblatt's perceptron rule: one hand-checked update, convergence to zero mistakes on a
// linearly separable set, and refusal of networks it cannot train.
#include <QtTest>
#include <memory>

#include "engine/graph/model.h"
#include "engine/train/perceptron_rule.h"
#include "optim_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

NodeSpec linear(int64_t out, Activation f) {
  NodeSpec n;
  n.kind = NodeKind::Linear;
  n.params.out_features = out;
  n.params.activation = f;
  return n;
}

// Builds the model, or nullptr with the reason in *why.
std::unique_ptr<Model> try_model(const NetworkSpec& spec, Backend& backend, QString* why) {
  try {
    return std::make_unique<Model>(spec, backend, 1);
  } catch (const Error& e) {
    *why = e.what();
    return nullptr;
  }
}

}  // namespace

class TestPerceptron : public QObject {
  Q_OBJECT
 private slots:
  void one_update_by_hand() {
    CpuBackend backend;
    QString why;
    auto model = try_model(make_sequential(Shape{2}, {linear(1, Activation::Step)}), backend, &why);
    QVERIFY2(model, qPrintable(why));
    backend.memory().fill(model->params().values(), 0.0f);
    Dataset d;
    d.sample_shape = Shape{2};
    d.features = {1.0f, 2.0f};
    d.targets = {1.0f};
    Rng rng(1);
    QCOMPARE(perceptron_epoch(*model, d, 0.5f, rng), int64_t{1});  // step(0) = 0 != 1
    auto host = model->params().to_host(backend);
    const std::string fc =
        model->params().entries()[0].name.substr(0, model->params().entries()[0].name.find('.'));
    QCOMPARE(host[fc + ".weight"], (std::vector<float>{0.5f, 1.0f}));
    QCOMPARE(host[fc + ".bias"], (std::vector<float>{0.5f}));
    QCOMPARE(perceptron_epoch(*model, d, 0.5f, rng), int64_t{0});  // now 0.5 + 0.5 + 2 > 0
  }

  void learns_a_linearly_separable_set() {
    CpuBackend backend;
    QString why;
    auto model = try_model(make_sequential(Shape{2}, {linear(1, Activation::Step)}), backend, &why);
    QVERIFY2(model, qPrintable(why));
    Dataset d;
    d.sample_shape = Shape{2};
    Rng gen(7);
    while (d.size() < 60) {
      const float x = gen.uniform(-1.0f, 1.0f), y = gen.uniform(-1.0f, 1.0f);
      const float s = x + 2.0f * y - 0.3f;
      if (std::fabs(s) < 0.15f) continue;  // keep a margin
      d.features.insert(d.features.end(), {x, y});
      d.targets.push_back(s > 0.0f ? 1.0f : 0.0f);
    }
    Rng rng(3);
    int64_t mistakes = -1;
    int epochs = 0;
    while (mistakes != 0 && epochs < 500) {
      mistakes = perceptron_epoch(*model, d, 0.1f, rng);
      ++epochs;
    }
    QCOMPARE(mistakes, int64_t{0});
    QVERIFY(epochs > 1);  // it had something to learn
    // Every sample is now classified correctly by step(w.x + b).
    auto host = model->params().to_host(backend);
    const auto& e = model->params().entries();
    const auto& w = host[e[0].name];
    const auto& b = host[e[1].name];
    for (int64_t i = 0; i < d.size(); ++i) {
      const float z = w[0] * d.sample(i)[0] + w[1] * d.sample(i)[1] + b[0];
      QCOMPARE(z > 0.0f ? 1.0f : 0.0f, d.target(i)[0]);
    }
  }

  void refuses_other_networks() {
    CpuBackend backend;
    QString why;
    Dataset d;
    d.sample_shape = Shape{2};
    d.features = {1.0f, 2.0f};
    d.targets = {1.0f};
    Rng rng(1);
    auto two = try_model(
        make_sequential(Shape{2}, {linear(3, Activation::Step), linear(1, Activation::Step)}),
        backend, &why);
    QVERIFY2(two, qPrintable(why));
    try {
      perceptron_epoch(*two, d, 0.1f, rng);
      QFAIL("a two-layer network was accepted");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("one Linear") != std::string::npos, e.what());
    }
    auto sigmoid =
        try_model(make_sequential(Shape{2}, {linear(1, Activation::Sigmoid)}), backend, &why);
    QVERIFY(sigmoid);
    QVERIFY_THROWS_EXCEPTION(Error, perceptron_epoch(*sigmoid, d, 0.1f, rng));
    auto wide = try_model(make_sequential(Shape{2}, {linear(2, Activation::Step)}), backend, &why);
    QVERIFY(wide);
    QVERIFY_THROWS_EXCEPTION(Error, perceptron_epoch(*wide, d, 0.1f, rng));
    auto ok = try_model(make_sequential(Shape{2}, {linear(1, Activation::Step)}), backend, &why);
    d.targets = {2.0f};  // not a {0, 1} label
    QVERIFY_THROWS_EXCEPTION(Error, perceptron_epoch(*ok, d, 0.1f, rng));
  }
};

QTEST_APPLESS_MAIN(TestPerceptron)
#include "test_perceptron.moc"
