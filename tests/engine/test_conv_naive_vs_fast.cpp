// The fast CPU conv ops (direct stride-1 kernels, im2col + GEMM, plane kernels) against the
// plain-loop reference, over several geometries. Tolerance: max |fast - naive| <= 1e-5 * max
// |naive| (the naive version sums in double, the fast one in float with a different order).
// BatchNorm/LayerNorm backward use 1e-4: their dx subtracts nearly equal sums, so the summation
// order shows more.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/naive_conv_ops.h"
#include "engine/backend/cpu/naive_dropout_ops.h"
#include "engine/backend/cpu/naive_norm_ops.h"
#include "engine/core/rng.h"
#include "engine/core/worker_pool.h"

using namespace bp;

namespace {

Tensor random(const Shape& s, Rng& rng) {
  Tensor t = Tensor::cpu(s);
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.uniform(-1.0f, 1.0f);
  return t;
}

Tensor copy_of(const Tensor& t) {
  Tensor c = Tensor::cpu(t.shape());
  std::copy_n(t.data(), t.numel(), c.data());
  return c;
}

// max |a - b| / max |b|
double rel_diff(const Tensor& a, const Tensor& b) {
  double diff = 0.0, scale = 1e-30;
  for (int64_t i = 0; i < a.numel(); ++i) {
    diff = std::max(diff, static_cast<double>(std::fabs(a.data()[i] - b.data()[i])));
    scale = std::max(scale, static_cast<double>(std::fabs(b.data()[i])));
  }
  return diff / scale;
}

#define EXPECT_CLOSE(a, b, tol, what)                                                           \
  do {                                                                                          \
    const double r_ = rel_diff(a, b);                                                           \
    if (!(r_ <= (tol)))                                                                         \
      QFAIL(qPrintable(QString("%1: relative difference %2 > %3").arg(what).arg(r_).arg(tol))); \
  } while (0)

struct ConvCase {
  int N, C, H, W, K;
  Conv2dGeometry g;
};

std::vector<ConvCase> conv_cases() {
  return {
      {2, 3, 7, 6, 4, {3, 3, 1, 1, 0, 0, 1, 1}},
      {3, 2, 8, 9, 5, {3, 2, 2, 1, 1, 2, 1, 1}},
      {2, 4, 10, 10, 3, {3, 3, 2, 2, 2, 2, 2, 2}},
      {2, 1, 28, 28, 6, {5, 5, 1, 1, 2, 2, 1, 1}},
      {2, 6, 14, 14, 16, {5, 5, 1, 1, 0, 0, 1, 1}},
      {2, 5, 6, 5, 7, {1, 1, 1, 1, 0, 0, 1, 1}},
      {1, 2, 11, 9, 3, {4, 3, 3, 2, 1, 0, 1, 3}},
      // stride 1 with rows wide enough for the direct kernels (cpu_conv_direct.cpp): several
      // lane blocks per row, channel/tap/row/batch-group remainders, dilation, padding wider
      // than the kernel, a 1-row output
      {11, 3, 9, 40, 9, {3, 7, 1, 1, 1, 3, 1, 1}},
      {3, 11, 12, 17, 13, {2, 4, 1, 1, 0, 2, 1, 1}},
      {2, 2, 13, 21, 5, {3, 3, 1, 1, 2, 1, 2, 3}},
      {2, 3, 5, 12, 4, {1, 1, 1, 1, 3, 4, 1, 1}},
      {9, 1, 5, 16, 17, {5, 1, 1, 1, 0, 0, 1, 1}},
  };
}

int out_size(int in, int k, int s, int p, int d) {
  return conv_out_size(in, k, s, p, d);
}

}  // namespace

class ConvNaiveVsFast : public QObject {
  Q_OBJECT

  std::unique_ptr<ConvOps> fast_ = make_cpu_conv_ops();
  std::unique_ptr<ConvOps> naive_ = make_naive_conv_ops();
  std::unique_ptr<NormOps> fast_norm_ = make_cpu_norm_ops();
  std::unique_ptr<NormOps> naive_norm_ = make_naive_norm_ops();
  std::unique_ptr<DropoutOps> fast_dropout_ = make_cpu_dropout_ops();
  std::unique_ptr<DropoutOps> naive_dropout_ = make_naive_dropout_ops();

 private slots:
  void conv2d() {
    Rng rng(1);
    for (const auto& c : conv_cases()) {
      const auto& g = c.g;
      const int Ho = out_size(c.H, g.kernel_h, g.stride_h, g.pad_h, g.dilation_h);
      const int Wo = out_size(c.W, g.kernel_w, g.stride_w, g.pad_w, g.dilation_w);
      Tensor x = random({c.N, c.C, c.H, c.W}, rng);
      Tensor w = random({c.K, c.C, g.kernel_h, g.kernel_w}, rng);
      Tensor b = random({c.K}, rng);
      Tensor y1 = Tensor::cpu({c.N, c.K, Ho, Wo}), y2 = Tensor::cpu({c.N, c.K, Ho, Wo});
      fast_->conv2d_forward(x, w, &b, g, y1);
      naive_->conv2d_forward(x, w, &b, g, y2);
      EXPECT_CLOSE(y1, y2, 1e-5, "conv2d y");
      Tensor dy = random(y1.shape(), rng);
      Tensor dx1 = random(x.shape(), rng), dx2 = random(x.shape(), rng);  // overwritten
      Tensor dw1 = random(w.shape(), rng), dw2 = copy_of(dw1);            // accumulated
      Tensor db1 = random(b.shape(), rng), db2 = copy_of(db1);
      fast_->conv2d_backward(x, w, dy, g, &dx1, &dw1, &db1);
      naive_->conv2d_backward(x, w, dy, g, &dx2, &dw2, &db2);
      EXPECT_CLOSE(dx1, dx2, 1e-5, "conv2d dx");
      EXPECT_CLOSE(dw1, dw2, 1e-5, "conv2d dw");
      EXPECT_CLOSE(db1, db2, 1e-5, "conv2d db");
      // null gradients are skipped; no bias
      fast_->conv2d_forward(x, w, nullptr, g, y1);
      naive_->conv2d_forward(x, w, nullptr, g, y2);
      EXPECT_CLOSE(y1, y2, 1e-5, "conv2d y (no bias)");
      Tensor dx3 = Tensor::cpu(x.shape());
      fast_->conv2d_backward(x, w, dy, g, &dx3, nullptr, nullptr);
      EXPECT_CLOSE(dx3, dx2, 1e-5, "conv2d dx only");
    }
  }

  // The direct kernels split the batch over the backend's threads; the results must be the
  // same bits whatever the thread count (batch sizes giving several dW chunks, a ragged last one).
  void conv2d_results_do_not_depend_on_threads() {
    Rng rng(7);
    const Conv2dGeometry g{5, 5, 1, 1, 2, 2, 1, 1};
    for (const int N : {1, 37, 150}) {
      Tensor x = random({N, 3, 12, 20}, rng), w = random({5, 3, 5, 5}, rng);
      Tensor b = random({5}, rng), dy = random({N, 5, 12, 20}, rng);
      std::vector<std::vector<float>> results;
      for (const int threads : {1, 2, 3}) {
        WorkerPool pool(threads);
        auto ops = make_cpu_conv_ops(&pool);
        Tensor y = Tensor::cpu({N, 5, 12, 20}), dx = Tensor::cpu(x.shape());
        Tensor dw = Tensor::cpu(w.shape()), db = Tensor::cpu(b.shape());
        std::fill_n(dw.data(), dw.numel(), 0.0f);
        std::fill_n(db.data(), db.numel(), 0.0f);
        ops->conv2d_forward(x, w, &b, g, y);
        ops->conv2d_backward(x, w, dy, g, &dx, &dw, &db);
        std::vector<float> all;
        for (const Tensor* t : {&y, &dx, &dw, &db})
          all.insert(all.end(), t->data(), t->data() + t->numel());
        results.push_back(all);
      }
      QVERIFY2(results[0] == results[1], "1 vs 2 threads");
      QVERIFY2(results[0] == results[2], "1 vs 3 threads");
    }
  }

  void locally_connected2d() {
    Rng rng(2);
    for (const auto& c : conv_cases()) {
      const auto& g = c.g;
      const int Ho = out_size(c.H, g.kernel_h, g.stride_h, g.pad_h, g.dilation_h);
      const int Wo = out_size(c.W, g.kernel_w, g.stride_w, g.pad_w, g.dilation_w);
      const int R = c.C * g.kernel_h * g.kernel_w;
      Tensor x = random({c.N, c.C, c.H, c.W}, rng);
      Tensor w = random({Ho * Wo, c.K, R}, rng);
      Tensor b = random({c.K, Ho, Wo}, rng);
      Tensor y1 = Tensor::cpu({c.N, c.K, Ho, Wo}), y2 = Tensor::cpu({c.N, c.K, Ho, Wo});
      fast_->locally_connected2d_forward(x, w, &b, g, y1);
      naive_->locally_connected2d_forward(x, w, &b, g, y2);
      EXPECT_CLOSE(y1, y2, 1e-5, "lc y");
      Tensor dy = random(y1.shape(), rng);
      Tensor dx1 = random(x.shape(), rng), dx2 = random(x.shape(), rng);
      Tensor dw1 = random(w.shape(), rng), dw2 = copy_of(dw1);
      Tensor db1 = random(b.shape(), rng), db2 = copy_of(db1);
      fast_->locally_connected2d_backward(x, w, dy, g, &dx1, &dw1, &db1);
      naive_->locally_connected2d_backward(x, w, dy, g, &dx2, &dw2, &db2);
      EXPECT_CLOSE(dx1, dx2, 1e-5, "lc dx");
      EXPECT_CLOSE(dw1, dw2, 1e-5, "lc dw");
      EXPECT_CLOSE(db1, db2, 1e-5, "lc db");
    }
  }

  void pools() {
    Rng rng(3);
    const std::vector<Pool2dGeometry> geoms = {{2, 2, 2, 2, 0, 0, true},  {3, 3, 2, 2, 1, 1, true},
                                               {3, 3, 2, 2, 1, 1, false}, {3, 2, 1, 1, 1, 1, true},
                                               {2, 3, 1, 2, 0, 1, false}, {4, 4, 3, 3, 2, 2, true}};
    for (const auto& g : geoms)
      // wide rows: several 16-window vector steps with a tail (the 2x2 fast path)
      for (const auto& hw : {std::array<int, 2>{9, 8}, std::array<int, 2>{8, 10},
                             std::array<int, 2>{6, 70}, std::array<int, 2>{5, 33}}) {
        const int N = 2, C = 3, H = hw[0], W = hw[1];
        const int Ho = out_size(H, g.kernel_h, g.stride_h, g.pad_h, 1);
        const int Wo = out_size(W, g.kernel_w, g.stride_w, g.pad_w, 1);
        Tensor x = random({N, C, H, W}, rng);
        if (W > 30)  // ReLU-like values with many ties: the gradient goes to the first maximum
          for (int64_t i = 0; i < x.numel(); ++i)
            x.data()[i] = std::max(0.0f, std::round(x.data()[i] * 2.0f) / 2.0f);
        Tensor y1 = Tensor::cpu({N, C, Ho, Wo}), y2 = Tensor::cpu({N, C, Ho, Wo});
        Tensor dy = random(y1.shape(), rng);
        Tensor dx1 = random(x.shape(), rng), dx2 = random(x.shape(), rng);
        fast_->max_pool2d_forward(x, g, y1);
        naive_->max_pool2d_forward(x, g, y2);
        EXPECT_CLOSE(y1, y2, 0.0, "max pool y");
        fast_->max_pool2d_backward(x, y1, dy, g, dx1);
        naive_->max_pool2d_backward(x, y2, dy, g, dx2);
        EXPECT_CLOSE(dx1, dx2, 0.0, "max pool dx");
        fast_->avg_pool2d_forward(x, g, y1);
        naive_->avg_pool2d_forward(x, g, y2);
        EXPECT_CLOSE(y1, y2, 1e-5, "avg pool y");
        fast_->avg_pool2d_backward(dy, g, dx1);
        naive_->avg_pool2d_backward(dy, g, dx2);
        EXPECT_CLOSE(dx1, dx2, 1e-5, "avg pool dx");
        // ties (values in {-1, 0, 1}): the gradient goes to the first maximum in both
        for (int64_t i = 0; i < x.numel(); ++i) x.data()[i] = std::round(x.data()[i]);
        fast_->max_pool2d_forward(x, g, y1);
        naive_->max_pool2d_forward(x, g, y2);
        fast_->max_pool2d_backward(x, y1, dy, g, dx1);
        naive_->max_pool2d_backward(x, y2, dy, g, dx2);
        EXPECT_CLOSE(dx1, dx2, 0.0, "max pool dx with ties");
      }
    const std::vector<std::array<int, 2>> outs = {{1, 1}, {3, 2}, {5, 7}, {9, 8}, {4, 11}};
    for (const auto& o : outs) {
      Tensor x = random({2, 3, 9, 8}, rng);
      Tensor y1 = Tensor::cpu({2, 3, o[0], o[1]}), y2 = Tensor::cpu({2, 3, o[0], o[1]});
      fast_->adaptive_avg_pool2d_forward(x, y1);
      naive_->adaptive_avg_pool2d_forward(x, y2);
      EXPECT_CLOSE(y1, y2, 1e-5, "adaptive y");
      Tensor dy = random(y1.shape(), rng);
      Tensor dx1 = random(x.shape(), rng), dx2 = random(x.shape(), rng);
      fast_->adaptive_avg_pool2d_backward(dy, dx1);
      naive_->adaptive_avg_pool2d_backward(dy, dx2);
      EXPECT_CLOSE(dx1, dx2, 1e-5, "adaptive dx");
    }
  }

  void batch_norm() {
    Rng rng(4);
    const std::vector<Shape> shapes = {{16, 5}, {4, 3, 6, 5}, {3, 4, 7}};
    for (const Shape& s : shapes)
      for (Mode mode : {Mode::Train, Mode::Eval})
        for (bool affine : {true, false}) {
          const int64_t C = s[1];
          Tensor x = random(s, rng);
          for (int64_t i = 0; i < x.numel(); ++i) x.data()[i] = 3.0f + 2.0f * x.data()[i];
          Tensor gamma = random({C}, rng), beta = random({C}, rng);
          Tensor rm1 = random({C}, rng), rm2 = copy_of(rm1);
          Tensor rv1 = Tensor::cpu({C});
          for (int64_t c = 0; c < C; ++c) rv1.data()[c] = 0.5f + rng.uniform();
          Tensor rv2 = copy_of(rv1);
          Tensor sm1 = Tensor::cpu({C}), sm2 = Tensor::cpu({C}), si1 = Tensor::cpu({C}),
                 si2 = Tensor::cpu({C});
          Tensor y1 = Tensor::cpu(s), y2 = Tensor::cpu(s);
          const Tensor* gp = affine ? &gamma : nullptr;
          const Tensor* bp_ = affine ? &beta : nullptr;
          fast_norm_->batch_norm_forward(x, gp, bp_, rm1, rv1, mode, 0.1f, 1e-5f, sm1, si1, y1);
          naive_norm_->batch_norm_forward(x, gp, bp_, rm2, rv2, mode, 0.1f, 1e-5f, sm2, si2, y2);
          EXPECT_CLOSE(y1, y2, 1e-5, "bn y");
          EXPECT_CLOSE(rm1, rm2, 1e-5, "bn running_mean");
          EXPECT_CLOSE(rv1, rv2, 1e-5, "bn running_var");
          EXPECT_CLOSE(si1, si2, 1e-5, "bn invstd");
          Tensor dy = random(s, rng);
          Tensor dx1 = Tensor::cpu(s), dx2 = Tensor::cpu(s);
          Tensor dg1 = random({C}, rng), dg2 = copy_of(dg1), db1 = random({C}, rng),
                 db2 = copy_of(db1);
          fast_norm_->batch_norm_backward(x, gp, sm1, si1, dy, mode, &dx1, &dg1, &db1);
          naive_norm_->batch_norm_backward(x, gp, sm2, si2, dy, mode, &dx2, &dg2, &db2);
          EXPECT_CLOSE(dx1, dx2, 1e-4, "bn dx");
          EXPECT_CLOSE(dg1, dg2, 1e-4, "bn dgamma");
          EXPECT_CLOSE(db1, db2, 1e-5, "bn dbeta");
        }
  }

  void layer_norm() {
    Rng rng(5);
    const std::vector<Shape> shapes = {{5, 12}, {3, 2, 4, 5}};
    for (const Shape& s : shapes)
      for (bool affine : {true, false}) {
        const Shape ps = s.without_batch();
        Tensor x = random(s, rng);
        Tensor gamma = random(ps, rng), beta = random(ps, rng);
        const Tensor* gp = affine ? &gamma : nullptr;
        const Tensor* bp_ = affine ? &beta : nullptr;
        Tensor sm1 = Tensor::cpu({s[0]}), sm2 = Tensor::cpu({s[0]}), si1 = Tensor::cpu({s[0]}),
               si2 = Tensor::cpu({s[0]});
        Tensor y1 = Tensor::cpu(s), y2 = Tensor::cpu(s);
        fast_norm_->layer_norm_forward(x, gp, bp_, 1e-5f, sm1, si1, y1);
        naive_norm_->layer_norm_forward(x, gp, bp_, 1e-5f, sm2, si2, y2);
        EXPECT_CLOSE(y1, y2, 1e-5, "ln y");
        Tensor dy = random(s, rng);
        Tensor dx1 = Tensor::cpu(s), dx2 = Tensor::cpu(s);
        Tensor dg1 = random(ps, rng), dg2 = copy_of(dg1), db1 = random(ps, rng), db2 = copy_of(db1);
        fast_norm_->layer_norm_backward(x, gp, sm1, si1, dy, &dx1, &dg1, &db1);
        naive_norm_->layer_norm_backward(x, gp, sm2, si2, dy, &dx2, &dg2, &db2);
        EXPECT_CLOSE(dx1, dx2, 1e-4, "ln dx");
        EXPECT_CLOSE(dg1, dg2, 1e-5, "ln dgamma");
        EXPECT_CLOSE(db1, db2, 1e-5, "ln dbeta");
      }
  }

  void dropout_mask_and_multiply() {
    Rng rng(6);
    for (bool gaussian : {false, true})
      for (int64_t channel : {1, 12}) {
        Tensor m1 = Tensor::cpu({4, 3, 12}), m2 = Tensor::cpu({4, 3, 12});
        fast_dropout_->dropout_mask(42, 7, 0.3f, gaussian, channel, m1);
        naive_dropout_->dropout_mask(42, 7, 0.3f, gaussian, channel, m2);
        QVERIFY(std::equal(m1.data(), m1.data() + m1.numel(), m2.data()));
      }
    Tensor x = random({3, 7}, rng), m = random({3, 7}, rng);
    Tensor y1 = Tensor::cpu({3, 7}), y2 = Tensor::cpu({3, 7});
    fast_dropout_->multiply(x, m, y1);
    naive_dropout_->multiply(x, m, y2);
    EXPECT_CLOSE(y1, y2, 0.0, "multiply");
  }
};

QTEST_APPLESS_MAIN(ConvNaiveVsFast)
#include "test_conv_naive_vs_fast.moc"
