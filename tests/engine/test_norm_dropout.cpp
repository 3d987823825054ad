// Dropout family statistics and reproducibility, the counter-based generator (Philox4x32-10
// known-answer vectors), and hand-checked BatchNorm/LayerNorm cases.
#include <QtTest>
#include <cmath>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/counter_rng.h"
#include "engine/nn/layer_factory.h"

using namespace bp;

namespace {

NodeSpec node(NodeKind kind, float p) {
  LayerParams lp;
  lp.p = p;
  return NodeSpec{3, kind, std::string("drop"), lp, 0.0, 0.0};
}

// Runs a dropout-family layer's forward on x = 1 everywhere and returns the output.
std::vector<float> run(Layer& layer, Backend& backend, const Shape& batch_shape, Mode mode,
                       uint64_t seed, uint64_t counter, int node_id = 3) {
  const Shape in = batch_shape.without_batch();
  layer.reserve(backend, std::span<const Shape>(&in, 1), batch_shape[0]);
  Tensor x = Tensor::cpu(batch_shape), y = Tensor::cpu(batch_shape);
  for (int64_t i = 0; i < x.numel(); ++i) x.data()[i] = 1.0f;
  ForwardContext ctx{backend, mode, seed, counter, node_id};
  layer.forward(ctx, std::span<const Tensor>(&x, 1), y);
  return {y.data(), y.data() + y.numel()};
}

double mean(const std::vector<float>& v) {
  double s = 0;
  for (float e : v) s += e;
  return s / static_cast<double>(v.size());
}

double zero_fraction(const std::vector<float>& v) {
  double z = 0;
  for (float e : v) z += e == 0.0f;
  return z / static_cast<double>(v.size());
}

}  // namespace

class NormDropout : public QObject {
  Q_OBJECT

 private slots:
  void philox_known_answers() {
    // Random123's kat_vectors for philox4x32_10.
    using B = Philox4x32::Block;
    QCOMPARE(Philox4x32::generate(B{0, 0, 0, 0}, 0, 0),
             (B{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
    QCOMPARE(Philox4x32::generate(B{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                                  0xffffffffu, 0xffffffffu),
             (B{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}));
    QCOMPARE(Philox4x32::generate(B{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                                  0xa4093822u, 0x299f31d0u),
             (B{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}));
  }

  void counter_rng_distributions() {
    const CounterRng rng(99, 5);
    double su = 0, sz = 0, szz = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      const float u = rng.uniform(static_cast<uint64_t>(i));
      QVERIFY(u >= 0.0f && u < 1.0f);
      su += u;
      const double z = rng.normal(static_cast<uint64_t>(i));
      sz += z;
      szz += z * z;
    }
    QVERIFY(std::fabs(su / n - 0.5) < 0.005);
    QVERIFY(std::fabs(sz / n) < 0.01);
    QVERIFY(std::fabs(szz / n - 1.0) < 0.02);
    QCOMPARE(rng.uniform(7), CounterRng(99, 5).uniform(7));
    QVERIFY(rng.uniform(7) != CounterRng(99, 6).uniform(7));
  }

  void dropout_eval_is_identity() {
    CpuBackend backend;
    for (NodeKind k : {NodeKind::Dropout, NodeKind::GaussianDropout, NodeKind::Dropout2d}) {
      auto layer = make_conv_layer(node(k, 0.5f));
      const auto y = run(*layer, backend, {4, 3, 5, 5}, Mode::Eval, 1, 1);
      for (float v : y) QCOMPARE(v, 1.0f);
    }
  }

  void dropout_train_statistics() {
    CpuBackend backend;
    for (float p : {0.1f, 0.5f, 0.8f}) {
      auto layer = make_conv_layer(node(NodeKind::Dropout, p));
      const auto y = run(*layer, backend, {100, 1000}, Mode::Train, 42, 3);
      QVERIFY2(std::fabs(zero_fraction(y) - p) < 0.01,
               qPrintable(QString::number(zero_fraction(y))));
      QVERIFY2(std::fabs(mean(y) - 1.0) < 0.03, qPrintable(QString::number(mean(y))));
      for (float v : y) QVERIFY(v == 0.0f || std::fabs(v - 1.0f / (1.0f - p)) < 1e-6f);
    }
  }

  void dropout_reproducible_and_fresh_each_step() {
    CpuBackend backend;
    auto layer = make_conv_layer(node(NodeKind::Dropout, 0.5f));
    const auto a = run(*layer, backend, {8, 64}, Mode::Train, 7, 10);
    const auto b = run(*layer, backend, {8, 64}, Mode::Train, 7, 10);
    QVERIFY(a == b);  // same (seed, counter, node): same mask
    QVERIFY(a != run(*layer, backend, {8, 64}, Mode::Train, 7, 11));     // next step
    QVERIFY(a != run(*layer, backend, {8, 64}, Mode::Train, 8, 10));     // another run
    QVERIFY(a != run(*layer, backend, {8, 64}, Mode::Train, 7, 10, 4));  // another node
    // backward uses the forward's mask
    Tensor x = Tensor::cpu({8, 64}), y = Tensor::cpu({8, 64}), dy = Tensor::cpu({8, 64}),
           dx = Tensor::cpu({8, 64});
    for (int64_t i = 0; i < x.numel(); ++i) x.data()[i] = dy.data()[i] = 1.0f;
    ForwardContext ctx{backend, Mode::Train, 7, 10, 3};
    layer->forward(ctx, std::span<const Tensor>(&x, 1), y);
    Tensor* dxp = &dx;
    layer->backward(ctx, std::span<const Tensor>(&x, 1), y, dy, std::span<Tensor* const>(&dxp, 1));
    for (int64_t i = 0; i < y.numel(); ++i) QCOMPARE(dx.data()[i], y.data()[i]);
  }

  void gaussian_dropout_statistics() {
    CpuBackend backend;
    const float p = 0.3f;
    auto layer = make_conv_layer(node(NodeKind::GaussianDropout, p));
    const auto y = run(*layer, backend, {100, 2000}, Mode::Train, 5, 1);
    double m = mean(y), var = 0;
    for (float v : y) var += (v - m) * (v - m);
    var /= static_cast<double>(y.size());
    QVERIFY(std::fabs(m - 1.0) < 0.01);
    QVERIFY2(std::fabs(var - p / (1.0 - p)) < 0.01, qPrintable(QString::number(var)));
  }

  void dropout2d_zeroes_whole_channels() {
    CpuBackend backend;
    auto layer = make_conv_layer(node(NodeKind::Dropout2d, 0.4f));
    const auto y = run(*layer, backend, {200, 16, 3, 3}, Mode::Train, 11, 2);
    int zero_channels = 0;
    for (size_t c = 0; c < y.size() / 9; ++c) {
      for (size_t k = 1; k < 9; ++k) QCOMPARE(y[c * 9 + k], y[c * 9]);
      zero_channels += y[c * 9] == 0.0f;
    }
    QVERIFY(std::fabs(zero_channels / 3200.0 - 0.4) < 0.03);
  }

  void batch_norm_declares_buffers_and_uses_running_stats_in_eval() {
    CpuBackend backend;
    auto layer = make_conv_layer(NodeSpec{1, NodeKind::BatchNorm1d, std::string("bn"), {}, 0, 0});
    const Shape in{2};
    const auto decls = layer->parameters(std::span<const Shape>(&in, 1));
    QCOMPARE(decls.size(), size_t{4});
    QCOMPARE(decls[3].name, std::string("running_var"));
    QVERIFY(!decls[2].trainable && !decls[3].trainable);
    QCOMPARE(decls[3].init.kind, InitKind::Constant);
    QCOMPARE(decls[3].init.value, 1.0f);
    // gamma (2, 1), beta (0, 1), running mean (1, -1), running var (4, 0.25)
    std::vector<Tensor> v = {Tensor::cpu({2}), Tensor::cpu({2}), Tensor::cpu({2}),
                             Tensor::cpu({2})};
    const float vals[4][2] = {{2, 1}, {0, 1}, {1, -1}, {4, 0.25f}};
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 2; ++j) v[static_cast<size_t>(i)].data()[j] = vals[i][j];
    std::vector<Tensor> g = {Tensor::cpu({2}), Tensor::cpu({2}), Tensor(), Tensor()};
    layer->bind(v, g);
    layer->reserve(backend, std::span<const Shape>(&in, 1), 1);
    Tensor x = Tensor::cpu({1, 2}), y = Tensor::cpu({1, 2});
    x.data()[0] = 3;
    x.data()[1] = 0;
    ForwardContext ctx{backend, Mode::Eval, 0, 0, 1};
    layer->forward(ctx, std::span<const Tensor>(&x, 1), y);
    // (3 - 1) / sqrt(4 + 1e-5) * 2 + 0 = 2;  (0 + 1) / sqrt(0.25 + 1e-5) * 1 + 1 = 3
    QVERIFY(std::fabs(y.data()[0] - 2.0f) < 1e-4f);
    QVERIFY(std::fabs(y.data()[1] - 3.0f) < 1e-4f);
    QCOMPARE(v[2].data()[0], 1.0f);  // eval leaves running stats alone
  }

  void layer_norm_hand_case() {
    CpuBackend backend;
    auto layer = make_conv_layer(NodeSpec{1, NodeKind::LayerNorm, std::string("ln"), {}, 0, 0});
    const Shape in{4};
    std::vector<Tensor> v = {Tensor::cpu({4}), Tensor::cpu({4})};
    for (int i = 0; i < 4; ++i) v[0].data()[i] = 1.0f;
    std::vector<Tensor> g = {Tensor::cpu({4}), Tensor::cpu({4})};
    layer->bind(v, g);
    layer->reserve(backend, std::span<const Shape>(&in, 1), 1);
    Tensor x = Tensor::cpu({1, 4}), y = Tensor::cpu({1, 4});
    for (int i = 0; i < 4; ++i) x.data()[i] = static_cast<float>(i + 1);  // mean 2.5, var 1.25
    ForwardContext ctx{backend, Mode::Train, 0, 0, 1};
    layer->forward(ctx, std::span<const Tensor>(&x, 1), y);
    for (int i = 0; i < 4; ++i) {
      const double want = (i + 1 - 2.5) / std::sqrt(1.25 + 1e-5);
      QVERIFY(std::fabs(y.data()[i] - want) < 1e-5);
    }
  }
};

QTEST_APPLESS_MAIN(NormDropout)
#include "test_norm_dropout.moc"
