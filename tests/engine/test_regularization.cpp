// Regularizers: which entries are penalized, L1/L2 gradients and penalty values, gradient
// clipping by norm and by value (torch.nn.utils semantics), max-norm per neuron, and the
// observable difference between L2 under Adam and AdamW's decoupled weight decay.
#include <QtTest>
#include <cmath>

#include "engine/optim/regularization.h"
#include "optim_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

void set(Tensor t, std::initializer_list<float> v) {
  std::copy(v.begin(), v.end(), t.data());
}

}  // namespace

class TestRegularization : public QObject {
  Q_OBJECT
 private slots:
  void only_connection_weights_are_penalized() {
    CpuBackend backend;
    ParameterStore s =
        make_store(backend, {{"fc.weight", Shape{2, 3}, NodeKind::Linear},
                             {"fc.bias", Shape{2}, NodeKind::Linear},
                             {"bn.weight", Shape{2}, NodeKind::BatchNorm1d},
                             {"ln.weight", Shape{2, 4, 4}, NodeKind::LayerNorm},
                             {"conv.weight", Shape{2, 1, 3, 3}, NodeKind::Conv2d},
                             {"lc.weight", Shape{4, 2, 9}, NodeKind::LocallyConnected2d},
                             {"act.weight", Shape{1}, NodeKind::PReLU}});
    const auto& e = s.entries();
    QVERIFY(is_penalized_weight(e[0]));
    QVERIFY(!is_penalized_weight(e[1]));
    QVERIFY(!is_penalized_weight(e[2]));
    QVERIFY(!is_penalized_weight(e[3]));
    QVERIFY(is_penalized_weight(e[4]));
    QVERIFY(is_penalized_weight(e[5]));
    QVERIFY(!is_penalized_weight(e[6]));
  }

  void l1_l2_gradients_and_penalty() {
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{2, 2}},
                                            {"fc.bias", Shape{2}},
                                            {"bn.weight", Shape{2}, NodeKind::BatchNorm1d}});
    set(s.values(), {0.5f, -2.0f, 0.0f, 1.0f, 3.0f, -3.0f, 4.0f, 4.0f});
    set(s.grads(), {1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f});
    RegularizationConfig c;
    c.l1 = 0.1f;
    c.l2 = 0.2f;
    const double penalty = apply_weight_penalties(backend, s, c);
    // l1 * (0.5 + 2 + 0 + 1) + l2 / 2 * (0.25 + 4 + 0 + 1)
    QVERIFY(std::fabs(penalty - (0.1 * 3.5 + 0.1 * 5.25)) < 1e-6);
    const float* g = s.grads().data();
    QCOMPARE(g[0], 1.0f + 0.1f + 0.2f * 0.5f);
    QCOMPARE(g[1], 1.0f - 0.1f + 0.2f * -2.0f);
    QCOMPARE(g[2], 1.0f);  // sign(0) = 0, as torch.sign
    QCOMPARE(g[3], 1.0f + 0.1f + 0.2f);
    for (int i = 4; i < 8; ++i) QCOMPARE(g[i], 1.0f);  // bias and norm weight untouched
  }

  void clip_grad_norm_as_torch() {
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{1, 2}}, {"fc.bias", Shape{2}}});
    set(s.grads(), {3.0f, 0.0f, 0.0f, 4.0f});
    QCOMPARE(clip_grad_norm(backend, s, 10.0f), 5.0);  // below the limit: unchanged
    QCOMPARE(s.grads().data()[0], 3.0f);
    const double before = clip_grad_norm(backend, s, 1.0f);
    QCOMPARE(before, 5.0);
    const float coef = static_cast<float>(1.0 / (5.0 + 1e-6));
    QCOMPARE(s.grads().data()[0], 3.0f * coef);
    QCOMPARE(s.grads().data()[3], 4.0f * coef);
    const double after = std::sqrt(backend.memory().sum_squares(s.grads()));
    QVERIFY(after < 1.0 && after > 0.999998);
    QVERIFY_THROWS_EXCEPTION(Error, clip_grad_norm(backend, s, 0.0f));
  }

  void clip_grad_value_clamps() {
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{2, 2}}});
    set(s.grads(), {-3.0f, 0.2f, 0.6f, -0.1f});
    clip_grad_value(backend, s, 0.5f);
    QCOMPARE(s.grads().data()[0], -0.5f);
    QCOMPARE(s.grads().data()[1], 0.2f);
    QCOMPARE(s.grads().data()[2], 0.5f);
    QCOMPARE(s.grads().data()[3], -0.1f);
  }

  void max_norm_per_neuron() {
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{2, 3}},
                                            {"fc.bias", Shape{2}},
                                            {"conv.weight", Shape{2, 1, 2, 2}, NodeKind::Conv2d}});
    set(s.values(), {3.0f, 4.0f, 0.0f, 0.1f, 0.2f, 0.2f,  // rows: norm 5, norm 0.3
                     9.0f, 9.0f,                          // bias: never rescaled
                     1.0f, 1.0f, 1.0f, 1.0f,              // channel 0: norm 2
                     0.5f, 0.5f, 0.5f, 0.5f});            // channel 1: norm 1
    apply_max_norm(backend, s, 1.5f);
    const float* w = s.values().data();
    const double row0 = std::sqrt(double(w[0]) * w[0] + double(w[1]) * w[1] + double(w[2]) * w[2]);
    QVERIFY(std::fabs(row0 - 1.5) < 1e-6);
    QVERIFY(std::fabs(w[0] / w[1] - 0.75) < 1e-6);  // direction kept
    QCOMPARE(w[3], 0.1f);
    QCOMPARE(w[6], 9.0f);
    QVERIFY(std::fabs(w[8] - 0.75f) < 1e-6f);  // channel 0 rescaled to norm 1.5
    QCOMPARE(w[12], 0.5f);                     // channel 1 below the limit
  }

  void l2_under_adam_differs_from_adamw() {
    // Adam + L2 penalty (gradient += l2 w) is exactly Adam's coupled weight_decay, and Adam's
    // normalisation divides it away; AdamW shrinks the weights directly. After 10 steps the
    // weights must differ.
    CpuBackend backend;
    const float wd = 0.1f;
    auto run = [&](OptimizerKind kind, float coupled_wd, float l2) {
      ParameterStore s = make_store(backend, {{"fc.weight", Shape{2, 3}}});
      set(s.values(), {1.0f, -2.0f, 0.5f, 3.0f, -0.25f, 2.0f});
      auto cfg = default_optimizer_config(kind);
      cfg.lr = 0.05f;
      cfg.weight_decay = coupled_wd;
      auto opt = make_optimizer(cfg);
      RegularizationConfig reg;
      reg.l2 = l2;
      for (int k = 0; k < 10; ++k) {
        for (int i = 0; i < 6; ++i) s.grads().data()[i] = 0.1f * (s.values().data()[i] - 1.0f);
        apply_weight_penalties(backend, s, reg);
        opt->step(backend, s);
      }
      return std::vector<float>(s.values().data(), s.values().data() + 6);
    };
    const auto adam_l2 = run(OptimizerKind::Adam, 0.0f, wd);
    const auto adam_coupled = run(OptimizerKind::Adam, wd, 0.0f);
    const auto adamw = run(OptimizerKind::AdamW, wd, 0.0f);
    double diff_w = 0.0;
    for (int i = 0; i < 6; ++i) {
      QVERIFY(std::fabs(adam_l2[i] - adam_coupled[i]) < 1e-6f);
      diff_w = std::max(diff_w, std::fabs(double(adam_l2[i]) - adamw[i]));
    }
    QVERIFY2(diff_w > 1e-3, qPrintable(QString("max difference %1").arg(diff_w)));
  }
};

QTEST_APPLESS_MAIN(TestRegularization)
#include "test_regularization.moc"
