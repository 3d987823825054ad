// Finite-difference gradient checks of every dense layer (through the Layer interface, so the
// layers and the CPU dense ops are checked together) and of every loss. Inputs are chosen away
// from kinks (ReLU at 0, Maxout ties, L1/Huber switch points).
#include <QtTest>
#include <cmath>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/rng.h"
#include "engine/graph/names.h"
#include "engine/nn/layer_factory.h"
#include "tests/common/gradcheck.h"

using namespace bp;
using bp::test::fill_uniform;
using bp::test::gradcheck_layer;
using bp::test::GradCheckOptions;

namespace {

// Uniform magnitude in [lo, hi) with a random sign: keeps inputs off kinks at 0.
Tensor away_from_zero(const Shape& s, Rng& rng, float lo = 0.15f, float hi = 2.0f) {
  Tensor t = Tensor::cpu(s);
  for (int64_t i = 0; i < t.numel(); ++i)
    t.data()[i] = rng.uniform(lo, hi) * (rng.uniform() < 0.5f ? -1.0f : 1.0f);
  return t;
}

Tensor uniform(const Shape& s, Rng& rng, float lo = -1.0f, float hi = 1.0f) {
  Tensor t = Tensor::cpu(s);
  fill_uniform(t, rng, lo, hi);
  return t;
}

NodeSpec node(NodeKind kind) {
  NodeSpec n;
  n.id = 1;
  n.kind = kind;
  return n;
}

// Random parameters for the layer's declarations.
std::vector<Tensor> make_params(Layer& layer, const std::vector<Shape>& in_shapes, Rng& rng,
                                float lo = -1.0f, float hi = 1.0f) {
  std::vector<Tensor> params;
  for (const auto& d : layer.parameters(in_shapes)) params.push_back(uniform(d.shape, rng, lo, hi));
  return params;
}

void check(const NodeSpec& spec, std::vector<Tensor> inputs, Rng& rng,
           const GradCheckOptions& opt = {}, float param_lo = -1.0f, float param_hi = 1.0f) {
  auto layer = make_dense_layer(spec);
  QVERIFY(layer != nullptr);
  std::vector<Shape> in_shapes;
  for (auto& t : inputs) in_shapes.push_back(t.shape().without_batch());
  auto params = make_params(*layer, in_shapes, rng, param_lo, param_hi);
  std::string failure;
  const bool ok = gradcheck_layer(*layer, std::move(inputs), std::move(params), opt, &failure);
  QVERIFY2(ok, (to_string(spec.kind) + ": " + failure).c_str());
}

double loss_of(DenseOps& ops, LossKind kind, const LossParams& lp, const Tensor& pred,
               const Tensor& target) {
  return ops.loss_forward_backward(kind, lp, pred, target, nullptr);
}

}  // namespace

class TestDenseGradcheck : public QObject {
  Q_OBJECT

 private slots:
  void activations_data() {
    QTest::addColumn<int>("f");
    for (Activation f : all_activations())
      QTest::newRow(to_string(f).c_str()) << static_cast<int>(f);
  }
  void activations() {
    QFETCH(int, f);
    Rng rng(10 + static_cast<uint64_t>(f));
    for (const Shape& s : {Shape{4, 5}, Shape{2, 3, 2, 2}}) {
      NodeSpec n = node(NodeKind::Activation);
      n.params.activation = static_cast<Activation>(f);
      n.params.act.negative_slope = 0.1f;
      n.params.act.alpha = 1.3f;  // ELU: a kink at 0 unless alpha = 1
      check(n, {away_from_zero(s, rng)}, rng);
    }
  }
  void softplus_beta_threshold() {
    Rng rng(30);
    NodeSpec n = node(NodeKind::Activation);
    n.params.activation = Activation::Softplus;
    n.params.act.beta = 2.0f;
    n.params.act.threshold = 3.0f;  // linear above x = 1.5; inputs avoid 1.5 +- eps
    Tensor x = away_from_zero({6, 4}, rng, 0.1f, 1.4f);
    x.data()[0] = 2.5f;
    x.data()[1] = 1.8f;
    check(n, {x}, rng);
  }

  void prelu() {
    Rng rng(31);
    for (const Shape& s : {Shape{5, 4}, Shape{2, 3, 2, 2}})
      for (bool per_channel : {false, true}) {
        NodeSpec n = node(NodeKind::PReLU);
        n.params.num_parameters = per_channel ? s[1] : 1;
        check(n, {away_from_zero(s, rng)}, rng, {}, 0.05f, 0.5f);
      }
  }

  void maxout() {
    Rng rng(32);
    for (int k : {2, 3}) {
      const int64_t batch = 3, m = 4;
      Tensor x = Tensor::cpu({batch, m * k});
      // distinct values inside each group (gaps of 0.2 > 2 eps), in random order
      for (int64_t g = 0; g < batch * m; ++g) {
        std::vector<float> v;
        const float base = rng.uniform(-1.0f, 1.0f);
        for (int i = 0; i < k; ++i) v.push_back(base + 0.2f * static_cast<float>(i));
        rng.shuffle(v.begin(), v.end());
        for (int i = 0; i < k; ++i) x.data()[g * k + i] = v[static_cast<size_t>(i)];
      }
      NodeSpec n = node(NodeKind::Maxout);
      n.params.pool_size = k;
      check(n, {x}, rng);
    }
  }

  void softmax() {
    Rng rng(33);
    check(node(NodeKind::Softmax), {uniform({4, 5}, rng, -2.0f, 2.0f)}, rng);
  }

  void add() {
    Rng rng(34);
    check(node(NodeKind::Add), {uniform({3, 4}, rng), uniform({3, 4}, rng)}, rng);
    check(node(NodeKind::Add),
          {uniform({2, 2, 3, 3}, rng), uniform({2, 2, 3, 3}, rng), uniform({2, 2, 3, 3}, rng)},
          rng);
  }

  void concat() {
    Rng rng(35);
    check(node(NodeKind::Concat), {uniform({3, 2}, rng), uniform({3, 5}, rng)}, rng);
    check(node(NodeKind::Concat),
          {uniform({2, 1, 2, 2}, rng), uniform({2, 2, 2, 2}, rng), uniform({2, 3, 2, 2}, rng)},
          rng);
  }

  void flatten() {
    Rng rng(36);
    check(node(NodeKind::Flatten), {uniform({2, 2, 3, 3}, rng)}, rng);
  }

  void linear_data() {
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("activation");
    QTest::newRow("bias") << true << static_cast<int>(Activation::Identity);
    QTest::newRow("no bias") << false << static_cast<int>(Activation::Identity);
    QTest::newRow("fused Tanh") << true << static_cast<int>(Activation::Tanh);
    QTest::newRow("fused GELU") << true << static_cast<int>(Activation::GELU);
    QTest::newRow("fused Sigmoid, no bias") << false << static_cast<int>(Activation::Sigmoid);
  }
  void linear() {
    QFETCH(bool, bias);
    QFETCH(int, activation);
    Rng rng(37);
    NodeSpec n = node(NodeKind::Linear);
    n.params.out_features = 4;
    n.params.bias = bias;
    n.params.activation = static_cast<Activation>(activation);
    check(n, {uniform({5, 3}, rng)}, rng);
  }

  void linear_drop_connect() {
    Rng rng(38);
    NodeSpec n = node(NodeKind::Linear);
    n.params.out_features = 6;
    n.params.drop_connect = 0.5f;
    n.params.activation = Activation::Tanh;
    check(n, {uniform({4, 5}, rng)}, rng);
  }

  void linear_drop_connect_masks_only_in_training() {
    CpuBackend backend;
    Rng rng(39);
    NodeSpec n = node(NodeKind::Linear);
    n.params.out_features = 16;
    n.params.bias = false;
    n.params.drop_connect = 0.5f;
    auto layer = make_dense_layer(n);
    const std::vector<Shape> in_shapes{Shape{32}};
    auto params = make_params(*layer, in_shapes, rng);
    std::vector<Tensor> grads{Tensor::cpu(params[0].shape())};
    layer->bind(params, grads);
    layer->reserve(backend, in_shapes, 1);
    // x = e_j picks column j of the weights: y[o] = W[o, j] * mask[o, j]
    Tensor x = Tensor::cpu({1, 32});
    x.data()[5] = 1.0f;
    auto run = [&](Mode mode, uint64_t counter) {
      ForwardContext ctx{backend, mode, 99, counter, 3};
      Tensor y = Tensor::cpu({1, 16});
      layer->forward(ctx, std::vector<Tensor>{x}, y);
      return std::vector<float>(y.data(), y.data() + 16);
    };
    const auto eval = run(Mode::Eval, 0);
    for (int o = 0; o < 16; ++o)
      QCOMPARE(eval[static_cast<size_t>(o)], params[0].data()[o * 32 + 5]);
    const auto train = run(Mode::Train, 1);
    QCOMPARE(run(Mode::Train, 1), train);  // same (seed, counter, node): same mask
    QVERIFY(run(Mode::Train, 2) != train);
    int dropped = 0;
    for (int o = 0; o < 16; ++o) {
      const float w = params[0].data()[o * 32 + 5], y = train[static_cast<size_t>(o)];
      QVERIFY(y == 0.0f || std::fabs(y - 2.0f * w) < 1e-6f);  // inverted: kept weights x 1/(1-p)
      dropped += y == 0.0f;
    }
    QVERIFY(dropped > 0 && dropped < 16);
  }

  void losses_data() {
    QTest::addColumn<int>("kind");
    for (LossKind k : all_loss_kinds()) QTest::newRow(to_string(k).c_str()) << static_cast<int>(k);
  }
  void losses() {
    QFETCH(int, kind);
    const auto k = static_cast<LossKind>(kind);
    CpuBackend backend;
    DenseOps& ops = backend.dense();
    Rng rng(40 + static_cast<uint64_t>(kind));
    LossParams lp;
    lp.delta = 0.7f;
    const Shape s{4, 3};
    Tensor pred = uniform(s, rng, -2.0f, 2.0f), target;
    if (k == LossKind::CrossEntropyLoss) {
      target = Tensor::cpu({4});
      for (int i = 0; i < 4; ++i) target.data()[i] = static_cast<float>(rng.below(3));
    } else if (k == LossKind::BCEWithLogitsLoss) {
      target = uniform(s, rng, 0.0f, 1.0f);
    } else {
      // pred = target + d, |d| in [0.1, 0.6] or [0.8, 2]: off L1's kink at 0 and Huber's at 0.7
      target = uniform(s, rng, -1.0f, 1.0f);
      for (int64_t i = 0; i < pred.numel(); ++i) {
        const float mag = (i % 2) ? rng.uniform(0.1f, 0.6f) : rng.uniform(0.8f, 2.0f);
        pred.data()[i] = target.data()[i] + (rng.uniform() < 0.5f ? -mag : mag);
      }
    }
    Tensor dpred = Tensor::cpu(s);
    const double loss = ops.loss_forward_backward(k, lp, pred, target, &dpred);
    QVERIFY(std::isfinite(loss) && loss > 0.0);
    const float eps = 1e-2f;
    for (int64_t i = 0; i < pred.numel(); ++i) {
      const float saved = pred.data()[i];
      pred.data()[i] = saved + eps;
      const double lp_ = loss_of(ops, k, lp, pred, target);
      pred.data()[i] = saved - eps;
      const double lm = loss_of(ops, k, lp, pred, target);
      pred.data()[i] = saved;
      const double numeric = (lp_ - lm) / (2.0 * eps);
      const double analytic = dpred.data()[i];
      QVERIFY2(std::fabs(numeric - analytic) <= 1e-4 + 1e-2 * std::fabs(numeric),
               (to_string(k) + "[" + std::to_string(i) + "]: analytic " + std::to_string(analytic) +
                " vs numeric " + std::to_string(numeric))
                   .c_str());
    }
  }

  void bce_is_stable_for_large_logits() {
    CpuBackend backend;
    Tensor pred = Tensor::cpu({2, 1}), target = Tensor::cpu({2, 1}), d = Tensor::cpu({2, 1});
    pred.data()[0] = 200.0f;  // exp(200) overflows float: a naive formula gives inf/nan
    target.data()[0] = 0.0f;
    pred.data()[1] = -200.0f;
    target.data()[1] = 0.0f;
    const double loss =
        backend.dense().loss_forward_backward(LossKind::BCEWithLogitsLoss, {}, pred, target, &d);
    QVERIFY(std::fabs(loss - 100.0) < 1e-3);  // (200 + 0) / 2
    QVERIFY(std::fabs(d.data()[0] - 0.5f) < 1e-6f);
    QVERIFY(std::fabs(d.data()[1]) < 1e-6f);
  }
};

QTEST_APPLESS_MAIN(TestDenseGradcheck)
#include "test_dense_gradcheck.moc"
