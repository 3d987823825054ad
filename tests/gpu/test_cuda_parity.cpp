// Op-by-op parity of the CUDA backend with the CPU backend: every forward and backward op and
// every optimizer step on random inputs, relative error <= 1e-4 (relative_error in
// cuda_test_support.h). Looser bounds, and why: none so far. Bernoulli dropout masks must be
// bitwise equal (same Philox stream); Gaussian masks within 1e-6 (device log/cos vs glibc).
// Without a CUDA device the test exits 77: ctest shows it as skipped.
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "tests/gpu/cuda_test_support.h"

using namespace bp;
using namespace bp::gputest;

namespace {

constexpr double kBound = 1e-4;

// One value set on both backends.
struct Both {
  Tensor cpu, cuda;
};

}  // namespace

class CudaParity : public QObject {
  Q_OBJECT

  CpuBackend cpu_{1};
  std::unique_ptr<Backend> cuda_;
  Rng rng_{2024};

  Both both(const Shape& s, const std::vector<float>& v) {
    return {on(cpu_, s, v), on(*cuda_, s, v)};
  }
  Both rand(const Shape& s, float lo = -1.0f, float hi = 1.0f) {
    return both(s, random_values(s, rng_, lo, hi));
  }
  Both zeros(const Shape& s) { return {cpu_.memory().empty(s), cuda_->memory().empty(s)}; }
  std::vector<float> c(const Tensor& t) { return to_host(cpu_, t); }
  std::vector<float> g(const Tensor& t) { return to_host(*cuda_, t); }
  bool same(const Both& b, const char* what, double bound = kBound) {
    const double err = relative_error(c(b.cpu), g(b.cuda));
    if (err <= bound) return true;
    qWarning("%s: relative error %g > %g", what, err, bound);
    return false;
  }

 private slots:
  void initTestCase() {
    cuda_ = open_cuda_or_report();
    QVERIFY(cuda_ != nullptr);
    QCOMPARE(cuda_->kind(), BackendKind::Cuda);
  }

  void memory_ops() {
    Both a = rand({1000}), b = rand({1000});
    QVERIFY(same(a, "upload/download"));
    cpu_.memory().axpy(0.3f, a.cpu, b.cpu);
    cuda_->memory().axpy(0.3f, a.cuda, b.cuda);
    QVERIFY(same(b, "axpy"));
    cpu_.memory().scale(b.cpu, -1.7f);
    cuda_->memory().scale(b.cuda, -1.7f);
    QVERIFY(same(b, "scale"));
    cpu_.memory().clamp(b.cpu, -0.5f, 0.25f);
    cuda_->memory().clamp(b.cuda, -0.5f, 0.25f);
    QVERIFY(same(b, "clamp"));
    QVERIFY(std::fabs(cpu_.memory().sum_squares(a.cpu) - cuda_->memory().sum_squares(a.cuda)) <
            1e-9 * cpu_.memory().sum_squares(a.cpu) + 1e-12);
    QVERIFY(std::fabs(cpu_.memory().sum_abs(a.cpu) - cuda_->memory().sum_abs(a.cuda)) <
            1e-9 * cpu_.memory().sum_abs(a.cpu) + 1e-12);
    Both z = zeros({7});
    cpu_.memory().fill(z.cpu, 2.5f);
    cuda_->memory().fill(z.cuda, 2.5f);
    QVERIFY(same(z, "fill"));
    cpu_.memory().copy(a.cpu, b.cpu);
    cuda_->memory().copy(a.cuda, b.cuda);
    QVERIFY(same(b, "copy"));
    QVERIFY(cuda_->memory().all_finite(a.cuda));
    std::vector<float> bad(10, 1.0f);
    bad[7] = INFINITY;
    Both inf = both({10}, bad);
    QVERIFY(!cuda_->memory().all_finite(inf.cuda));
    bad[7] = NAN;
    Both nan = both({10}, bad);
    QVERIFY(!cuda_->memory().all_finite(nan.cuda));
    // Freshly allocated tensors are zero.
    const std::vector<float> fresh = g(cuda_->memory().empty({33}));
    QVERIFY(std::all_of(fresh.begin(), fresh.end(), [](float v) { return v == 0.0f; }));
  }

  void linear() {
    for (bool bias : {true, false})
      for (int64_t n : {1, 7, 64}) {
        Both x = rand({n, 33}), w = rand({17, 33}), b = rand({17}), y = zeros({n, 17});
        cpu_.dense().linear_forward(x.cpu, w.cpu, bias ? &b.cpu : nullptr, y.cpu);
        cuda_->dense().linear_forward(x.cuda, w.cuda, bias ? &b.cuda : nullptr, y.cuda);
        QVERIFY(same(y, "linear y"));
        Both dy = rand({n, 17}), dx = zeros({n, 33}), dw = rand({17, 33}), db = rand({17});
        cpu_.dense().linear_backward(x.cpu, w.cpu, dy.cpu, &dx.cpu, &dw.cpu, &db.cpu);
        cuda_->dense().linear_backward(x.cuda, w.cuda, dy.cuda, &dx.cuda, &dw.cuda, &db.cuda);
        QVERIFY(same(dx, "linear dx"));
        QVERIFY(same(dw, "linear dw (accumulated)"));
        QVERIFY(same(db, "linear db (accumulated)"));
      }
  }

  void activations() {
    ActivationParams p;
    p.negative_slope = 0.05f;
    p.alpha = 0.7f;
    p.beta = 2.0f;
    p.threshold = 5.0f;
    for (int f = 0; f <= static_cast<int>(Activation::ScaledTanh); ++f) {
      const auto act = static_cast<Activation>(f);
      Both x = rand({8, 50}, -4.0f, 4.0f), y = zeros({8, 50});
      cpu_.dense().activation_forward(act, p, x.cpu, y.cpu);
      cuda_->dense().activation_forward(act, p, x.cuda, y.cuda);
      QVERIFY2(same(y, "activation y"), qPrintable(QString("activation %1").arg(f)));
      Both dy = rand({8, 50}), dx = zeros({8, 50});
      cpu_.dense().activation_backward(act, p, x.cpu, y.cpu, dy.cpu, dx.cpu);
      cuda_->dense().activation_backward(act, p, x.cuda, y.cuda, dy.cuda, dx.cuda);
      QVERIFY2(same(dx, "activation dx"), qPrintable(QString("activation %1").arg(f)));
    }
  }

  void prelu_maxout_softmax() {
    for (int64_t slopes : {1, 4}) {
      Both x = rand({5, 4, 3, 3}), a = rand({slopes}, 0.0f, 0.5f), y = zeros({5, 4, 3, 3});
      cpu_.dense().prelu_forward(x.cpu, a.cpu, y.cpu);
      cuda_->dense().prelu_forward(x.cuda, a.cuda, y.cuda);
      QVERIFY(same(y, "prelu y"));
      Both dy = rand({5, 4, 3, 3}), dx = zeros({5, 4, 3, 3}), da = rand({slopes});
      cpu_.dense().prelu_backward(x.cpu, a.cpu, dy.cpu, dx.cpu, &da.cpu);
      cuda_->dense().prelu_backward(x.cuda, a.cuda, dy.cuda, dx.cuda, &da.cuda);
      QVERIFY(same(dx, "prelu dx"));
      QVERIFY(same(da, "prelu da"));
    }
    {
      Both x = rand({6, 12}), y = zeros({6, 4});
      cpu_.dense().maxout_forward(x.cpu, 3, y.cpu);
      cuda_->dense().maxout_forward(x.cuda, 3, y.cuda);
      QVERIFY(same(y, "maxout y"));
      Both dy = rand({6, 4}), dx = zeros({6, 12});
      cpu_.dense().maxout_backward(x.cpu, 3, dy.cpu, dx.cpu);
      cuda_->dense().maxout_backward(x.cuda, 3, dy.cuda, dx.cuda);
      QVERIFY(same(dx, "maxout dx"));
    }
    for (int64_t classes : {3, 10, 100}) {
      Both x = rand({9, classes}, -5.0f, 5.0f), y = zeros({9, classes});
      cpu_.dense().softmax_forward(x.cpu, y.cpu);
      cuda_->dense().softmax_forward(x.cuda, y.cuda);
      QVERIFY(same(y, "softmax y"));
      Both dy = rand({9, classes}), dx = zeros({9, classes});
      cpu_.dense().softmax_backward(y.cpu, dy.cpu, dx.cpu);
      cuda_->dense().softmax_backward(y.cuda, dy.cuda, dx.cuda);
      QVERIFY(same(dx, "softmax dx"));
    }
  }

  void concat() {
    Both a = rand({4, 2, 3}), b = rand({4, 5, 3}), y = zeros({4, 7, 3});
    const Tensor* pc[] = {&a.cpu, &b.cpu};
    const Tensor* pg[] = {&a.cuda, &b.cuda};
    cpu_.dense().concat_forward(pc, 2, y.cpu);
    cuda_->dense().concat_forward(pg, 2, y.cuda);
    QVERIFY(same(y, "concat y"));
    Both dy = rand({4, 7, 3}), da = zeros({4, 2, 3}), db = zeros({4, 5, 3});
    Tensor* dc[] = {&da.cpu, &db.cpu};
    Tensor* dg[] = {&da.cuda, &db.cuda};
    cpu_.dense().concat_backward(dy.cpu, dc, 2);
    cuda_->dense().concat_backward(dy.cuda, dg, 2);
    QVERIFY(same(da, "concat da"));
    QVERIFY(same(db, "concat db"));
    Tensor* dc2[] = {nullptr, &db.cpu};
    Tensor* dg2[] = {nullptr, &db.cuda};
    cpu_.dense().concat_backward(dy.cpu, dc2, 2);
    cuda_->dense().concat_backward(dy.cuda, dg2, 2);
    QVERIFY(same(db, "concat db with a null part"));
  }

  void losses() {
    for (LossKind kind : {LossKind::MSELoss, LossKind::L1Loss, LossKind::HuberLoss,
                          LossKind::BCEWithLogitsLoss, LossKind::CrossEntropyLoss}) {
      const int64_t n = 37, classes = 6;
      Both pred = rand({n, classes}, -3.0f, 3.0f), dpred = zeros({n, classes});
      std::vector<float> t(
          static_cast<size_t>(kind == LossKind::CrossEntropyLoss ? n : n * classes));
      for (float& v : t)
        v = kind == LossKind::CrossEntropyLoss    ? static_cast<float>(rng_.next_u64() % classes)
            : kind == LossKind::BCEWithLogitsLoss ? static_cast<float>(rng_.next_u64() % 2)
                                                  : rng_.uniform(-2.0f, 2.0f);
      Both target = both({static_cast<int64_t>(t.size())}, t);
      LossParams lp;
      lp.delta = 0.8f;
      const double lc =
          cpu_.dense().loss_forward_backward(kind, lp, pred.cpu, target.cpu, &dpred.cpu);
      const double lg =
          cuda_->dense().loss_forward_backward(kind, lp, pred.cuda, target.cuda, &dpred.cuda);
      QVERIFY2(
          std::fabs(lc - lg) <= kBound * std::max(1.0, std::fabs(lc)),
          qPrintable(QString("loss %1: %2 vs %3").arg(static_cast<int>(kind)).arg(lc).arg(lg)));
      QVERIFY(same(dpred, "loss dpred"));
    }
    // count_correct: argmax rows and the single-logit case.
    Both pred = rand({50, 4}), one = rand({50, 1});
    std::vector<float> labels(50), bits(50);
    for (size_t i = 0; i < 50; ++i) {
      labels[i] = static_cast<float>(rng_.next_u64() % 4);
      bits[i] = static_cast<float>(rng_.next_u64() % 2);
    }
    Both l = both({50}, labels), b = both({50}, bits);
    QCOMPARE(cuda_->dense().count_correct(pred.cuda, l.cuda, 0.0f),
             cpu_.dense().count_correct(pred.cpu, l.cpu, 0.0f));
    for (float threshold : {0.0f, 0.5f})  // BCEWithLogitsLoss's logits, outputs regressed on {0,1}
      QCOMPARE(cuda_->dense().count_correct(one.cuda, b.cuda, threshold),
               cpu_.dense().count_correct(one.cpu, b.cpu, threshold));
    // An out-of-range class is an error on both backends, not a crash.
    Both bad = both({2}, {0.0f, 9.0f});
    Both p2 = rand({2, 3});
    QVERIFY_THROWS_EXCEPTION(
        Error, cuda_->dense().loss_forward_backward(LossKind::CrossEntropyLoss, {}, p2.cuda,
                                                    bad.cuda, nullptr));
  }

  void conv2d() {
    struct Case {
      Conv2dGeometry g;
      int64_t n, cin, h, w, cout;
    };
    std::vector<Case> cases;
    Conv2dGeometry g;
    g.kernel_h = g.kernel_w = 5;
    g.pad_h = g.pad_w = 2;
    cases.push_back({g, 4, 1, 28, 28, 6});  // LeNet conv1
    g = Conv2dGeometry{};
    g.kernel_h = 3;
    g.kernel_w = 2;
    g.stride_h = 2;
    g.pad_w = 1;
    cases.push_back({g, 3, 3, 9, 8, 5});
    g = Conv2dGeometry{};
    g.dilation_h = g.dilation_w = 2;
    g.pad_h = g.pad_w = 1;
    cases.push_back({g, 2, 4, 10, 10, 3});
    for (const Case& k : cases) {
      const int64_t ho =
          (k.h + 2 * k.g.pad_h - k.g.dilation_h * (k.g.kernel_h - 1) - 1) / k.g.stride_h + 1;
      const int64_t wo =
          (k.w + 2 * k.g.pad_w - k.g.dilation_w * (k.g.kernel_w - 1) - 1) / k.g.stride_w + 1;
      Both x = rand({k.n, k.cin, k.h, k.w}), w = rand({k.cout, k.cin, k.g.kernel_h, k.g.kernel_w});
      Both b = rand({k.cout}), y = zeros({k.n, k.cout, ho, wo});
      cpu_.conv().conv2d_forward(x.cpu, w.cpu, &b.cpu, k.g, y.cpu);
      cuda_->conv().conv2d_forward(x.cuda, w.cuda, &b.cuda, k.g, y.cuda);
      QVERIFY(same(y, "conv2d y"));
      Both dy = rand({k.n, k.cout, ho, wo}), dx = zeros({k.n, k.cin, k.h, k.w});
      Both dw = rand({k.cout, k.cin, k.g.kernel_h, k.g.kernel_w}), db = rand({k.cout});
      cpu_.conv().conv2d_backward(x.cpu, w.cpu, dy.cpu, k.g, &dx.cpu, &dw.cpu, &db.cpu);
      cuda_->conv().conv2d_backward(x.cuda, w.cuda, dy.cuda, k.g, &dx.cuda, &dw.cuda, &db.cuda);
      QVERIFY(same(dx, "conv2d dx"));
      QVERIFY(same(dw, "conv2d dw"));
      QVERIFY(same(db, "conv2d db"));

      // LocallyConnected2d on the same geometry.
      const int64_t r = k.cin * k.g.kernel_h * k.g.kernel_w;
      Both lw = rand({ho * wo, k.cout, r}), lb = rand({k.cout, ho, wo}),
           ly = zeros({k.n, k.cout, ho, wo});
      cpu_.conv().locally_connected2d_forward(x.cpu, lw.cpu, &lb.cpu, k.g, ly.cpu);
      cuda_->conv().locally_connected2d_forward(x.cuda, lw.cuda, &lb.cuda, k.g, ly.cuda);
      QVERIFY(same(ly, "locally_connected2d y"));
      Both ldx = zeros({k.n, k.cin, k.h, k.w}), ldw = rand({ho * wo, k.cout, r}),
           ldb = rand({k.cout, ho, wo});
      cpu_.conv().locally_connected2d_backward(x.cpu, lw.cpu, dy.cpu, k.g, &ldx.cpu, &ldw.cpu,
                                               &ldb.cpu);
      cuda_->conv().locally_connected2d_backward(x.cuda, lw.cuda, dy.cuda, k.g, &ldx.cuda,
                                                 &ldw.cuda, &ldb.cuda);
      QVERIFY(same(ldx, "locally_connected2d dx"));
      QVERIFY(same(ldw, "locally_connected2d dw"));
      QVERIFY(same(ldb, "locally_connected2d db"));
    }
  }

  void pools() {
    for (int variant = 0; variant < 5; ++variant) {
      Pool2dGeometry g;
      if (variant == 1) {
        g.kernel_h = g.kernel_w = 3;
        g.stride_h = g.stride_w = 2;
        g.pad_h = g.pad_w = 1;
      } else if (variant == 2) {
        g.kernel_h = g.kernel_w = 3;
        g.stride_h = g.stride_w = 1;
        g.pad_h = g.pad_w = 1;
        g.count_include_pad = false;
      } else if (variant == 3) {
        g.kernel_h = 2;
        g.kernel_w = 3;
        g.stride_h = 1;
        g.stride_w = 2;
      } else if (variant == 4) {  // MaxPool2d's dilation (max pooling only below)
        g.kernel_h = g.kernel_w = 3;
        g.stride_h = g.stride_w = 1;
        g.pad_h = g.pad_w = 1;
        g.dilation_h = 2;
        g.dilation_w = 3;
      }
      const int64_t H = 11, W = 10;
      const int64_t ho = (H + 2 * g.pad_h - g.dilation_h * (g.kernel_h - 1) - 1) / g.stride_h + 1;
      const int64_t wo = (W + 2 * g.pad_w - g.dilation_w * (g.kernel_w - 1) - 1) / g.stride_w + 1;
      Both x = rand({3, 2, H, W}), y = zeros({3, 2, ho, wo});
      Both dy = rand({3, 2, ho, wo}), dx = zeros({3, 2, H, W});
      cpu_.conv().max_pool2d_forward(x.cpu, g, y.cpu);
      cuda_->conv().max_pool2d_forward(x.cuda, g, y.cuda);
      QVERIFY(same(y, "max_pool2d y"));
      cpu_.conv().max_pool2d_backward(x.cpu, y.cpu, dy.cpu, g, dx.cpu);
      cuda_->conv().max_pool2d_backward(x.cuda, y.cuda, dy.cuda, g, dx.cuda);
      QVERIFY(same(dx, "max_pool2d dx"));
      if (variant == 4) continue;  // AvgPool2d has no dilation
      cpu_.conv().avg_pool2d_forward(x.cpu, g, y.cpu);
      cuda_->conv().avg_pool2d_forward(x.cuda, g, y.cuda);
      QVERIFY(same(y, "avg_pool2d y"));
      cpu_.conv().avg_pool2d_backward(dy.cpu, g, dx.cpu);
      cuda_->conv().avg_pool2d_backward(dy.cuda, g, dx.cuda);
      QVERIFY(same(dx, "avg_pool2d dx"));
    }
    for (int64_t out : {1, 3, 4}) {
      Both x = rand({2, 3, 10, 7}), y = zeros({2, 3, out, out});
      cpu_.conv().adaptive_avg_pool2d_forward(x.cpu, y.cpu);
      cuda_->conv().adaptive_avg_pool2d_forward(x.cuda, y.cuda);
      QVERIFY(same(y, "adaptive_avg_pool2d y"));
      Both dy = rand({2, 3, out, out}), dx = zeros({2, 3, 10, 7});
      cpu_.conv().adaptive_avg_pool2d_backward(dy.cpu, dx.cpu);
      cuda_->conv().adaptive_avg_pool2d_backward(dy.cuda, dx.cuda);
      QVERIFY(same(dx, "adaptive_avg_pool2d dx"));
    }
  }

  void norms() {
    for (const Shape& s : {Shape{16, 5}, Shape{4, 3, 6, 5}, Shape{64, 6, 14, 14}})
      for (Mode mode : {Mode::Train, Mode::Eval})
        for (bool affine : {true, false}) {
          const int64_t C = s[1];
          Both x = rand(s, 1.0f, 5.0f), gamma = rand({C}), beta = rand({C});
          Both rm = rand({C}), rv = rand({C}, 0.5f, 1.5f);
          Both sm = zeros({C}), si = zeros({C}), y = zeros(s);
          const Tensor* gc = affine ? &gamma.cpu : nullptr;
          const Tensor* bc = affine ? &beta.cpu : nullptr;
          const Tensor* gg = affine ? &gamma.cuda : nullptr;
          const Tensor* bg = affine ? &beta.cuda : nullptr;
          cpu_.norm().batch_norm_forward(x.cpu, gc, bc, rm.cpu, rv.cpu, mode, 0.1f, 1e-5f, sm.cpu,
                                         si.cpu, y.cpu);
          cuda_->norm().batch_norm_forward(x.cuda, gg, bg, rm.cuda, rv.cuda, mode, 0.1f, 1e-5f,
                                           sm.cuda, si.cuda, y.cuda);
          QVERIFY(same(y, "batch_norm y"));
          QVERIFY(same(rm, "batch_norm running_mean"));
          QVERIFY(same(rv, "batch_norm running_var"));
          Both dy = rand(s), dx = zeros(s), dg = rand({C}), db = rand({C});
          cpu_.norm().batch_norm_backward(x.cpu, gc, sm.cpu, si.cpu, dy.cpu, mode, &dx.cpu, &dg.cpu,
                                          &db.cpu);
          cuda_->norm().batch_norm_backward(x.cuda, gg, sm.cuda, si.cuda, dy.cuda, mode, &dx.cuda,
                                            &dg.cuda, &db.cuda);
          QVERIFY(same(dx, "batch_norm dx"));
          QVERIFY(same(dg, "batch_norm dgamma"));
          QVERIFY(same(db, "batch_norm dbeta"));
        }
    for (const Shape& s : {Shape{5, 12}, Shape{3, 2, 4, 5}, Shape{32, 300}})
      for (bool affine : {true, false}) {
        const Shape ps = s.without_batch();
        Both x = rand(s), gamma = rand(ps), beta = rand(ps);
        Both sm = zeros({s[0]}), si = zeros({s[0]}), y = zeros(s);
        const Tensor* gc = affine ? &gamma.cpu : nullptr;
        const Tensor* bc = affine ? &beta.cpu : nullptr;
        const Tensor* gg = affine ? &gamma.cuda : nullptr;
        const Tensor* bg = affine ? &beta.cuda : nullptr;
        cpu_.norm().layer_norm_forward(x.cpu, gc, bc, 1e-5f, sm.cpu, si.cpu, y.cpu);
        cuda_->norm().layer_norm_forward(x.cuda, gg, bg, 1e-5f, sm.cuda, si.cuda, y.cuda);
        QVERIFY(same(y, "layer_norm y"));
        Both dy = rand(s), dx = zeros(s), dg = rand(ps), db = rand(ps);
        cpu_.norm().layer_norm_backward(x.cpu, gc, sm.cpu, si.cpu, dy.cpu, &dx.cpu, &dg.cpu,
                                        &db.cpu);
        cuda_->norm().layer_norm_backward(x.cuda, gg, sm.cuda, si.cuda, dy.cuda, &dx.cuda, &dg.cuda,
                                          &db.cuda);
        QVERIFY(same(dx, "layer_norm dx"));
        QVERIFY(same(dg, "layer_norm dgamma"));
        QVERIFY(same(db, "layer_norm dbeta"));
      }
  }

  void dropout_family() {
    for (bool gaussian : {false, true})
      for (int64_t channel : {1, 12}) {
        Both m = zeros({4, 3, 12});
        cpu_.dropout().dropout_mask(42, 7, 0.3f, gaussian, channel, m.cpu);
        cuda_->dropout().dropout_mask(42, 7, 0.3f, gaussian, channel, m.cuda);
        if (gaussian)
          QVERIFY(same(m, "gaussian dropout mask", 1e-6));
        else
          QVERIFY(c(m.cpu) == g(m.cuda));  // bitwise: the same Philox stream
      }
    Both x = rand({3, 7}), mask = rand({3, 7}), y = zeros({3, 7});
    cpu_.dropout().multiply(x.cpu, mask.cpu, y.cpu);
    cuda_->dropout().multiply(x.cuda, mask.cuda, y.cuda);
    QVERIFY(same(y, "multiply"));
  }

  void optimizer_steps() {
    const Shape s{1000};
    auto run = [&](const char* name, auto step) {
      Both p = rand(s), m1 = zeros(s), m2 = zeros(s), m3 = zeros(s);
      for (int k = 1; k <= 5; ++k) {
        Both grad = rand(s);
        step(cpu_.optim(), p.cpu, grad.cpu, m1.cpu, m2.cpu, m3.cpu, k);
        step(cuda_->optim(), p.cuda, grad.cuda, m1.cuda, m2.cuda, m3.cuda, k);
      }
      if (!same(p, name)) QFAIL(name);
      if (!same(m1, name) || !same(m2, name) || !same(m3, name)) QFAIL(name);
    };
    for (bool nesterov : {false, true})
      for (float wd : {0.0f, 0.01f}) {
        SgdHyper h;
        h.lr = 0.1f;
        h.momentum = 0.9f;
        h.dampening = nesterov ? 0.0f : 0.1f;
        h.nesterov = nesterov;
        h.weight_decay = wd;
        run("sgd", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor& b, Tensor&, Tensor&, int k) {
          o.sgd_step(p, gr, &b, h, k == 1);
        });
      }
    {
      SgdHyper h;  // plain SGD, no buffer
      run("sgd plain", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor&, Tensor&, Tensor&, int k) {
        o.sgd_step(p, gr, nullptr, h, k == 1);
      });
    }
    for (int variant = 0; variant < 4; ++variant) {
      AdamHyper h;
      h.amsgrad = variant & 1;
      h.decoupled_weight_decay = variant & 2;
      h.weight_decay = 0.01f;
      run("adam", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor& m, Tensor& v, Tensor& vmax,
                      int k) { o.adam_step(p, gr, m, v, h.amsgrad ? &vmax : nullptr, h, k); });
    }
    {
      AdagradHyper h;
      h.lr_decay = 0.01f;
      h.weight_decay = 0.001f;
      run("adagrad", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor& sum, Tensor&, Tensor&, int k) {
        o.adagrad_step(p, gr, sum, h, k);
      });
      AdadeltaHyper d;
      d.weight_decay = 0.001f;
      run("adadelta", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor& sq, Tensor& acc, Tensor&,
                          int) { o.adadelta_step(p, gr, sq, acc, d); });
    }
    for (int variant = 0; variant < 4; ++variant) {
      RmspropHyper h;
      h.centered = variant & 1;
      h.momentum = (variant & 2) ? 0.9f : 0.0f;
      h.weight_decay = 0.001f;
      run("rmsprop", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor& sq, Tensor& ga, Tensor& buf,
                         int) {
        o.rmsprop_step(p, gr, sq, h.centered ? &ga : nullptr, h.momentum > 0 ? &buf : nullptr, h);
      });
    }
    {
      NadamHyper h;
      h.weight_decay = 0.001f;
      run("nadam", [&](OptimOps& o, Tensor& p, Tensor& gr, Tensor& m, Tensor& v, Tensor&, int k) {
        NadamStepScalars sc;
        sc.grad_coef = -0.002 * (0.1 + 0.01 * k);
        sc.exp_avg_coef = -0.002 * (0.9 - 0.01 * k);
        sc.bias_correction2 = 1.0 - std::pow(0.999, k);
        o.nadam_step(p, gr, m, v, h, sc);
      });
    }
  }

  void regularization_helpers() {
    Both w = rand({12, 40}), grad = rand({12, 40});
    const double pc = cpu_.optim().weight_penalty(w.cpu, grad.cpu, 0.01f, 0.1f);
    const double pg = cuda_->optim().weight_penalty(w.cuda, grad.cuda, 0.01f, 0.1f);
    QVERIFY(std::fabs(pc - pg) <= 1e-9 * std::fabs(pc));
    QVERIFY(same(grad, "weight_penalty grad"));
    cpu_.optim().renorm_rows(w.cpu, 12, 3.0f);
    cuda_->optim().renorm_rows(w.cuda, 12, 3.0f);
    QVERIFY(same(w, "renorm_rows"));
    // dot and max_abs on inputs that are bitwise the same on both sides (w and grad above may
    // differ in the last float bit after renorm_rows). Both sides sum double products, in another
    // order: the bound is relative to the sum of |a_i b_i|, as cancellation can make the dot
    // itself small.
    Both a = rand({12, 40}), b = rand({12, 40});
    const double dc = cpu_.optim().dot(a.cpu, b.cpu), dg = cuda_->optim().dot(a.cuda, b.cuda);
    double scale = 0.0;
    for (int64_t i = 0; i < a.cpu.numel(); ++i)
      scale += std::fabs(static_cast<double>(a.cpu.data()[i]) * b.cpu.data()[i]);
    QVERIFY2(std::fabs(dc - dg) <= 1e-12 * scale,
             qPrintable(QString("dot: cpu %1, cuda %2").arg(dc, 0, 'g', 17).arg(dg, 0, 'g', 17)));
    QCOMPARE(cuda_->optim().max_abs(b.cuda), cpu_.optim().max_abs(b.cpu));
  }
};

int main(int argc, char** argv) {
  return bp::gputest::run_on_device<CudaParity>(argc, argv);
}

#include "test_cuda_parity.moc"
