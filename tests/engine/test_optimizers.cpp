// Optimizers: 20 steps against PyTorch 1.13 fixtures for every optimizer and variant, the fused
// CPU kernels against the naive reference, torch's defaults, validation, state handling.
#include <QtTest>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/naive_optim_ops.h"
#include "engine/core/rng.h"
#include "engine/optim/lbfgs.h"
#include "engine/optim/nadam.h"
#include "optim_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

// g = 2 (p - t) + 0.3 p^3, float32, exactly as the fixture generator computes it.
void vector_grad(ParameterStore& store, const std::vector<float>& t) {
  const float* p = store.values().data();
  float* g = store.grads().data();
  for (size_t i = 0; i < t.size(); ++i) g[i] = 2.0f * (p[i] - t[i]) + 0.3f * ((p[i] * p[i]) * p[i]);
}

struct OpState {
  Tensor p, g, s1, s2, s3;
};

OpState random_state(int64_t n, uint64_t seed) {
  Rng rng(seed);
  OpState s{Tensor::cpu({n}), Tensor::cpu({n}), Tensor::cpu({n}), Tensor::cpu({n}),
            Tensor::cpu({n})};
  for (int64_t i = 0; i < n; ++i) {
    s.p.data()[i] = rng.uniform(-2.0f, 2.0f);
    s.g.data()[i] = rng.uniform(-1.0f, 1.0f);
  }
  return s;
}

OpState clone(const OpState& a) {
  OpState b = random_state(a.p.numel(), 0);
  for (auto [src, dst] :
       {std::pair{&a.p, &b.p}, {&a.g, &b.g}, {&a.s1, &b.s1}, {&a.s2, &b.s2}, {&a.s3, &b.s3}})
    std::copy_n(src->data(), src->numel(), dst->data());
  return b;
}

// Relative difference with unit floor: the fused loop and the reference may round a product
// differently (FMA contraction), which near zero is large relative but tiny absolute.
double max_rel_diff(const Tensor& a, const Tensor& b) {
  double worst = 0.0;
  for (int64_t i = 0; i < a.numel(); ++i) {
    const double d = std::fabs(static_cast<double>(a.data()[i]) - b.data()[i]) /
                     (std::fabs(static_cast<double>(b.data()[i])) + 1.0);
    worst = std::max(worst, d);
  }
  return worst;
}

double naive_dot(const Tensor& a, const Tensor& b) {
  double s = 0.0;
  for (int64_t i = 0; i < a.numel(); ++i) s += double(a.data()[i]) * b.data()[i];
  return s;
}
double naive_max_abs(const Tensor& a) {
  double m = 0.0;
  for (int64_t i = 0; i < a.numel(); ++i) m = std::max(m, std::fabs(double(a.data()[i])));
  return m;
}

}  // namespace

class TestOptimizers : public QObject {
  Q_OBJECT
 private slots:
  void matches_torch_vector_fixtures() {
    const auto fx = load_fixture("optim_steps.json");
    const auto p0 = fx["p0"].get<std::vector<float>>();
    const auto t = fx["t"].get<std::vector<float>>();
    CpuBackend backend;
    int checked = 0;
    for (const auto& c : fx["cases"]) {
      const std::string label = c["kind"].get<std::string>() + "/" + c["name"].get<std::string>();
      ParameterStore store =
          make_store(backend, {{"fc.weight", Shape{3, 4}}});  // 12 values, one entry
      std::copy(p0.begin(), p0.end(), store.values().data());
      auto opt = make_optimizer(optimizer_config(c["kind"], c["config"]));
      const int change_at = c["lr_change_at"].get<int>();
      const auto& steps = c["steps"];
      for (int k = 0; k < static_cast<int>(steps.size()); ++k) {
        if (k == change_at) opt->set_lr(c["lr_change_to"].get<float>());
        vector_grad(store, t);
        opt->step(backend, store);
        const auto expect = steps[static_cast<size_t>(k)].get<std::vector<float>>();
        for (size_t i = 0; i < expect.size(); ++i) {
          const double got = store.values().data()[i];
          if (!close(got, expect[i], 1e-5, 1e-6))
            QFAIL(qPrintable(QString("%1 step %2 [%3]: engine %4, torch %5")
                                 .arg(QString::fromStdString(label))
                                 .arg(k + 1)
                                 .arg(i)
                                 .arg(got, 0, 'g', 9)
                                 .arg(expect[i], 0, 'g', 9)));
        }
      }
      QCOMPARE(opt->steps(), static_cast<int64_t>(steps.size()));
      ++checked;
    }
    QVERIFY(checked >= 26);
  }

  void lbfgs_matches_torch() {
    const auto fx = load_fixture("optim_steps.json");
    const auto p0 = fx["p0"].get<std::vector<float>>();
    const auto t = fx["t"].get<std::vector<float>>();
    CpuBackend backend;
    int checked = 0;
    for (const auto& c : fx["lbfgs"]) {
      ParameterStore store = make_store(backend, {{"fc.weight", Shape{12}}});
      std::copy(p0.begin(), p0.end(), store.values().data());
      OptimizerConfig cfg = default_optimizer_config(OptimizerKind::LBFGS);
      cfg.lr = c["config"]["lr"].get<float>();
      cfg.max_iter = c["config"]["max_iter"].get<int>();
      cfg.history_size = c["config"]["history_size"].get<int>();
      LBFGS opt(cfg);
      int evaluations = 0;
      // loss = sum (p - t)^2 + 0.075 p^4, gradient 2 (p - t) + 0.3 p^3
      auto closure = [&]() {
        ++evaluations;
        backend.memory().fill(store.grads(), 0.0f);
        vector_grad(store, t);
        double loss = 0.0;
        for (size_t i = 0; i < t.size(); ++i) {
          const double p = store.values().data()[i], d = p - t[i];
          loss += d * d + 0.075 * p * p * p * p;
        }
        return loss;
      };
      const auto losses = c["losses"].get<std::vector<double>>();
      const auto steps = c["steps"].get<std::vector<std::vector<float>>>();
      for (size_t k = 0; k < steps.size(); ++k) {
        const double loss = opt.step(backend, store, closure);
        QVERIFY2(
            close(loss, losses[k], 1e-4, 1e-5),
            qPrintable(QString("call %1: loss %2 vs torch %3").arg(k).arg(loss).arg(losses[k])));
        for (size_t i = 0; i < t.size(); ++i)
          QVERIFY2(close(store.values().data()[i], steps[k][i], 1e-4, 1e-5),
                   qPrintable(QString("call %1 [%2]: %3 vs torch %4")
                                  .arg(k)
                                  .arg(i)
                                  .arg(store.values().data()[i], 0, 'g', 9)
                                  .arg(steps[k][i], 0, 'g', 9)));
      }
      QVERIFY(evaluations > static_cast<int>(steps.size()));
      ++checked;
    }
    QCOMPARE(checked, 2);
    LbfgsConfig bad;
    bad.history_size = 0;
    QVERIFY_THROWS_EXCEPTION(Error, LBFGS{bad});
  }

  void fused_kernels_match_naive_reference() {
    auto fast = make_cpu_optim_ops();
    auto naive = make_naive_optim_ops();
    const int64_t n = 1037;
    for (int op = 0; op < 8; ++op) {
      for (int variant = 0; variant < 4; ++variant) {
        const bool flag = variant & 1;
        const float wd = (variant & 2) ? 0.05f : 0.0f;
        OpState a = random_state(n, 10 + static_cast<uint64_t>(variant));
        OpState b = clone(a);
        auto run = [&](OptimOps& ops, OpState& s) {
          NadamHyper nh{0.002f, 0.9f, 0.999f, 1e-8f, wd, 4e-3f};
          float mu_product = 1.0f;
          for (int64_t step = 1; step <= 5; ++step) {
            switch (op) {
              case 0:
                ops.sgd_step(s.p, s.g, &s.s1, SgdHyper{0.1f, 0.9f, flag ? 0.0f : 0.3f, wd, flag},
                             step == 1);
                break;
              case 1:
              case 2:
                ops.adam_step(s.p, s.g, s.s1, s.s2, &s.s3,
                              AdamHyper{0.01f, 0.9f, 0.999f, 1e-8f, wd, flag, op == 2}, step);
                break;
              case 3:
                ops.adagrad_step(s.p, s.g, s.s2,
                                 AdagradHyper{0.1f, flag ? 0.01f : 0.0f, wd, 1e-10f}, step);
                break;
              case 4:
                ops.adadelta_step(s.p, s.g, s.s1, s.s2, AdadeltaHyper{1.0f, 0.9f, 1e-6f, wd});
                break;
              case 5:
                ops.rmsprop_step(s.p, s.g, s.s3, &s.s1, &s.s2,
                                 RmspropHyper{0.01f, 0.99f, 1e-8f, wd, flag ? 0.9f : 0.0f, flag});
                break;
              case 6:
                ops.nadam_step(s.p, s.g, s.s1, s.s2, nh, nadam_coefficients(nh, step, mu_product));
                break;
              case 7: {
                QVERIFY(std::fabs(ops.dot(s.p, s.g) - naive_dot(s.p, s.g)) < 1e-9 * n);
                QCOMPARE(ops.max_abs(s.g), naive_max_abs(s.g));
                ops.weight_penalty(s.p, s.g, flag ? 0.01f : 0.0f, wd);
                Tensor rows = s.p.slice_flat(0, {17, 61});
                ops.renorm_rows(rows, 17, flag ? 1.5f : 4.0f);
                break;
              }
            }
            // the same gradient sequence on both sides
            for (int64_t i = 0; i < n; ++i)
              s.g.data()[i] = 0.5f * s.g.data()[i] - 0.1f * s.p.data()[i];
          }
        };
        run(*fast, a);
        run(*naive, b);
        for (auto [x, y] : {std::pair{&a.p, &b.p},
                            {&a.g, &b.g},
                            {&a.s1, &b.s1},
                            {&a.s2, &b.s2},
                            {&a.s3, &b.s3}}) {
          const double d = max_rel_diff(*x, *y);
          QVERIFY2(d < 1e-5,
                   qPrintable(QString("op %1 variant %2: %3").arg(op).arg(variant).arg(d)));
        }
      }
    }
  }

  void defaults_are_torchs() {
    auto adam = default_optimizer_config(OptimizerKind::Adam);
    QCOMPARE(adam.lr, 1e-3f);
    QCOMPARE(adam.beta1, 0.9f);
    QCOMPARE(adam.beta2, 0.999f);
    QCOMPARE(adam.eps, 1e-8f);
    QCOMPARE(adam.weight_decay, 0.0f);
    QCOMPARE(default_optimizer_config(OptimizerKind::AdamW).weight_decay, 1e-2f);
    QCOMPARE(default_optimizer_config(OptimizerKind::Adagrad).eps, 1e-10f);
    QCOMPARE(default_optimizer_config(OptimizerKind::Adagrad).lr, 1e-2f);
    auto ad = default_optimizer_config(OptimizerKind::Adadelta);
    QCOMPARE(ad.lr, 1.0f);
    QCOMPARE(ad.rho, 0.9f);
    QCOMPARE(ad.eps, 1e-6f);
    auto rms = default_optimizer_config(OptimizerKind::RMSprop);
    QCOMPARE(rms.lr, 1e-2f);
    QCOMPARE(rms.alpha, 0.99f);
    QCOMPARE(default_optimizer_config(OptimizerKind::NAdam).lr, 2e-3f);
    QCOMPARE(default_optimizer_config(OptimizerKind::NAdam).momentum_decay, 4e-3f);
    QCOMPARE(default_optimizer_config(OptimizerKind::LBFGS).lr, 1.0f);
    QCOMPARE(default_optimizer_config(OptimizerKind::LBFGS).history_size, 100);
    for (auto k : {OptimizerKind::SGD, OptimizerKind::Adagrad, OptimizerKind::Adadelta,
                   OptimizerKind::RMSprop, OptimizerKind::Adam, OptimizerKind::AdamW,
                   OptimizerKind::NAdam}) {
      auto opt = make_optimizer(default_optimizer_config(k));
      QCOMPARE(opt->kind(), k);
      QCOMPARE(opt->lr(), default_optimizer_config(k).lr);
    }
  }

  void invalid_hyperparameters_are_named() {
    auto expect_error = [](OptimizerConfig c, const char* word) {
      try {
        make_optimizer(c);
      } catch (const Error& e) {
        QVERIFY2(std::string(e.what()).find(word) != std::string::npos, e.what());
        return;
      }
      QFAIL(qPrintable(QString("no error for %1").arg(word)));
    };
    auto c = default_optimizer_config(OptimizerKind::Adam);
    c.lr = -1.0f;
    expect_error(c, "lr");
    c = default_optimizer_config(OptimizerKind::Adam);
    c.beta1 = 1.0f;
    expect_error(c, "beta1");
    c = default_optimizer_config(OptimizerKind::NAdam);
    c.beta2 = -0.1f;
    expect_error(c, "beta2");
    c = default_optimizer_config(OptimizerKind::SGD);
    c.momentum = -0.5f;
    expect_error(c, "momentum");
    c = default_optimizer_config(OptimizerKind::SGD);
    c.nesterov = true;
    expect_error(c, "nesterov");
    c = default_optimizer_config(OptimizerKind::Adadelta);
    c.rho = 1.5f;
    expect_error(c, "rho");
    c = default_optimizer_config(OptimizerKind::RMSprop);
    c.eps = -1.0f;
    expect_error(c, "eps");
    c = default_optimizer_config(OptimizerKind::Adagrad);
    c.initial_accumulator_value = -1.0f;
    expect_error(c, "initial_accumulator_value");
    c = default_optimizer_config(OptimizerKind::AdamW);
    c.weight_decay = std::nanf("");
    expect_error(c, "weight_decay");
    expect_error(default_optimizer_config(OptimizerKind::LBFGS), "closure");
  }

  void state_resets_when_the_network_changes() {
    CpuBackend backend;
    const std::vector<float> t(12, 0.5f);
    for (auto kind : {OptimizerKind::SGD, OptimizerKind::Adam, OptimizerKind::RMSprop,
                      OptimizerKind::NAdam, OptimizerKind::Adagrad, OptimizerKind::Adadelta}) {
      auto cfg = default_optimizer_config(kind);
      cfg.momentum = kind == OptimizerKind::SGD || kind == OptimizerKind::RMSprop ? 0.9f : 0.0f;
      auto used = make_optimizer(cfg);
      ParameterStore a = make_store(backend, {{"fc1.weight", Shape{2, 3}}, {"fc1.bias", Shape{6}}});
      for (int k = 0; k < 3; ++k) {
        vector_grad(a, t);
        used->step(backend, a);
      }
      // Same total size, different names: state must start afresh.
      ParameterStore b1 = make_store(backend, {{"fc2.weight", Shape{3, 4}}});
      ParameterStore b2 = make_store(backend, {{"fc2.weight", Shape{3, 4}}});
      for (int i = 0; i < 12; ++i) b1.values().data()[i] = b2.values().data()[i] = 0.1f * i - 0.4f;
      auto fresh = make_optimizer(cfg);
      for (int k = 0; k < 3; ++k) {
        vector_grad(b1, t);
        used->step(backend, b1);
        vector_grad(b2, t);
        fresh->step(backend, b2);
      }
      QCOMPARE(used->steps(), fresh->steps());
      for (int i = 0; i < 12; ++i) QCOMPARE(b1.values().data()[i], b2.values().data()[i]);
      // reset() also starts afresh, on the same store.
      used->reset();
      QCOMPARE(used->steps(), int64_t{0});
    }
  }

  void lr_change_keeps_state() {
    // Momentum survives set_lr: the second step with lr' uses the first step's buffer.
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{1, 1}}});
    auto cfg = default_optimizer_config(OptimizerKind::SGD);
    cfg.lr = 1.0f;
    cfg.momentum = 0.5f;
    auto opt = make_optimizer(cfg);
    s.grads().data()[0] = 1.0f;
    opt->step(backend, s);  // buf = 1, p = -1
    QCOMPARE(s.values().data()[0], -1.0f);
    opt->set_lr(0.5f);
    opt->step(backend, s);  // buf = 0.5 + 1 = 1.5, p = -1 - 0.75
    QCOMPARE(s.values().data()[0], -1.75f);
  }
};

QTEST_APPLESS_MAIN(TestOptimizers)
#include "test_optimizers.moc"
