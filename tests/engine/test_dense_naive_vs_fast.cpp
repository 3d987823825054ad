// Every CPU dense op (Eigen / small-loop kernels) against the plain-loop reference NaiveDenseOps,
// on random inputs of tiny and large sizes. Tolerance: 1e-5 relative (element-wise ops), or
// 1e-5 of the tensor's largest magnitude (products, whose near-zero sums lose relative digits).
#include <QtTest>
#include <cmath>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/backend/cpu/naive_dense_ops.h"
#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/graph/names.h"

using namespace bp;

namespace {

void fill(Tensor& t, Rng& rng, float lo = -2.0f, float hi = 2.0f) {
  for (int64_t i = 0; i < t.numel(); ++i) t.data()[i] = rng.uniform(lo, hi);
}

Tensor random(const Shape& s, Rng& rng, float lo = -2.0f, float hi = 2.0f) {
  Tensor t = Tensor::cpu(s);
  fill(t, rng, lo, hi);
  return t;
}

Tensor copy_of(const Tensor& t) {
  Tensor c = Tensor::cpu(t.shape());
  for (int64_t i = 0; i < t.numel(); ++i) c.data()[i] = t.data()[i];
  return c;
}

// Fails with the first element where |fast - ref| > rtol |ref| + atol.
bool close(const Tensor& fast, const Tensor& ref, const std::string& what, double rtol = 1e-5,
           double atol = 1e-6) {
  if (fast.numel() != ref.numel()) {
    qWarning("%s: numel %lld vs %lld", what.c_str(), static_cast<long long>(fast.numel()),
             static_cast<long long>(ref.numel()));
    return false;
  }
  for (int64_t i = 0; i < ref.numel(); ++i) {
    const double a = fast.data()[i], b = ref.data()[i];
    if (!(std::fabs(a - b) <= rtol * std::fabs(b) + atol)) {
      qWarning("%s[%lld]: fast %.9g vs naive %.9g", what.c_str(), static_cast<long long>(i), a, b);
      return false;
    }
  }
  return true;
}

// Norm-wise closeness for products: atol = rtol * max|ref|.
bool close_normwise(const Tensor& fast, const Tensor& ref, const std::string& what,
                    double rtol = 1e-5) {
  double scale = 0.0;
  for (int64_t i = 0; i < ref.numel(); ++i)
    scale = std::max(scale, std::fabs(double(ref.data()[i])));
  return close(fast, ref, what, rtol, rtol * std::max(scale, 1e-30));
}

struct Sizes {
  int64_t n, in, out;
};

}  // namespace

class TestDenseNaiveVsFast : public QObject {
  Q_OBJECT
  std::unique_ptr<DenseOps> fast_ = make_cpu_dense_ops();
  std::unique_ptr<DenseOps> naive_ = make_naive_dense_ops();

 private slots:
  void linear() {
    // tiny (loop path), medium, and big (Eigen GEMM path) products, with and without bias
    const std::vector<Sizes> sizes{{1, 1, 1},   {10, 2, 8},   {10, 8, 8},     {10, 8, 1},
                                   {3, 5, 4},   {7, 33, 17},  {64, 784, 256}, {256, 256, 128},
                                   {5, 300, 2}, {40, 40, 40}, {4, 20, 30},    {6, 3, 13},
                                   {2, 17, 16}};
    Rng rng(1);
    for (const auto& s : sizes)
      for (bool with_bias : {true, false}) {
        std::string tag = "n";  // built with += (GCC 12's -Wrestrict misfires on "lit" + str)
        tag += std::to_string(s.n) + " in" + std::to_string(s.in) + " out" + std::to_string(s.out) +
               (with_bias ? " bias" : "");
        Tensor x = random({s.n, s.in}, rng), w = random({s.out, s.in}, rng),
               b = random({s.out}, rng), dy = random({s.n, s.out}, rng);
        Tensor y1 = Tensor::cpu({s.n, s.out}), y2 = Tensor::cpu({s.n, s.out});
        fast_->linear_forward(x, w, with_bias ? &b : nullptr, y1);
        naive_->linear_forward(x, w, with_bias ? &b : nullptr, y2);
        QVERIFY(close_normwise(y1, y2, "linear_forward " + tag));

        // gradients accumulate into pre-filled dw, db; dx is overwritten (pre-filled with junk)
        Tensor dx1 = random({s.n, s.in}, rng), dx2 = copy_of(dx1);
        Tensor dw1 = random({s.out, s.in}, rng), dw2 = copy_of(dw1);
        Tensor db1 = random({s.out}, rng), db2 = copy_of(db1);
        fast_->linear_backward(x, w, dy, &dx1, &dw1, with_bias ? &db1 : nullptr);
        naive_->linear_backward(x, w, dy, &dx2, &dw2, with_bias ? &db2 : nullptr);
        QVERIFY(close_normwise(dx1, dx2, "linear_backward dx " + tag));
        QVERIFY(close_normwise(dw1, dw2, "linear_backward dw " + tag));
        QVERIFY(close_normwise(db1, db2, "linear_backward db " + tag));
        // null pointers skip: dw alone still accumulates the same amount
        Tensor dw3 = copy_of(dw1);
        fast_->linear_backward(x, w, dy, nullptr, &dw3, nullptr);
        Tensor twice = copy_of(dw2);
        naive_->linear_backward(x, w, dy, nullptr, &twice, nullptr);
        QVERIFY(close_normwise(dw3, twice, "linear_backward dw only " + tag));
      }
  }

  void activations() {
    Rng rng(2);
    ActivationParams p;
    p.negative_slope = 0.2f;
    p.alpha = 1.3f;
    p.beta = 2.0f;
    p.threshold = 3.0f;
    for (int64_t n : {1, 7, 64, 4099})
      for (Activation f : all_activations()) {
        const std::string tag = to_string(f) + " n" + std::to_string(n);
        Tensor x = random({n}, rng, -6.0f, 6.0f), dy = random({n}, rng);
        Tensor y1 = Tensor::cpu({n}), y2 = Tensor::cpu({n});
        fast_->activation_forward(f, p, x, y1);
        naive_->activation_forward(f, p, x, y2);
        QVERIFY(close(y1, y2, "forward " + tag));
        Tensor dx1 = Tensor::cpu({n}), dx2 = Tensor::cpu({n});
        fast_->activation_backward(f, p, x, y1, dy, dx1);
        naive_->activation_backward(f, p, x, y2, dy, dx2);
        QVERIFY(close(dx1, dx2, "backward " + tag, 1e-5, 2e-6));
        // in place: y aliases x
        Tensor inplace = copy_of(x);
        fast_->activation_forward(f, p, inplace, inplace);
        QVERIFY(close(inplace, y2, "in-place forward " + tag));
      }
  }

  void prelu() {
    Rng rng(3);
    const std::vector<Shape> shapes{{4, 3}, {2, 5, 3, 3}, {1, 1}, {16, 64}};
    for (const Shape& s : shapes)
      for (bool shared : {true, false}) {
        const std::string tag = s.to_string() + (shared ? " shared" : " per-channel");
        Tensor x = random(s, rng), dy = random(s, rng);
        Tensor a = random({shared ? 1 : s[1]}, rng, 0.0f, 0.5f);
        Tensor y1 = Tensor::cpu(s), y2 = Tensor::cpu(s);
        fast_->prelu_forward(x, a, y1);
        naive_->prelu_forward(x, a, y2);
        QVERIFY(close(y1, y2, "prelu_forward " + tag));
        Tensor dx1 = Tensor::cpu(s), dx2 = Tensor::cpu(s);
        Tensor da1 = random(a.shape(), rng), da2 = copy_of(da1);
        fast_->prelu_backward(x, a, dy, dx1, &da1);
        naive_->prelu_backward(x, a, dy, dx2, &da2);
        QVERIFY(close(dx1, dx2, "prelu_backward dx " + tag));
        QVERIFY(close_normwise(da1, da2, "prelu_backward da " + tag));
      }
  }

  void maxout() {
    Rng rng(4);
    for (int k : {1, 2, 3, 5})
      for (int64_t n : {1, 9, 128}) {
        const int64_t m = 6;
        std::string tag = "k";
        tag += std::to_string(k) + " n" + std::to_string(n);
        Tensor x = random({n, m * k}, rng), dy = random({n, m}, rng);
        Tensor y1 = Tensor::cpu({n, m}), y2 = Tensor::cpu({n, m});
        fast_->maxout_forward(x, k, y1);
        naive_->maxout_forward(x, k, y2);
        QVERIFY(close(y1, y2, "maxout_forward " + tag, 0, 0));
        Tensor dx1 = random({n, m * k}, rng), dx2 = random({n, m * k}, rng);
        fast_->maxout_backward(x, k, dy, dx1);
        naive_->maxout_backward(x, k, dy, dx2);
        QVERIFY(close(dx1, dx2, "maxout_backward " + tag, 0, 0));
      }
    // ties: the first maximum takes the gradient
    Tensor x = Tensor::cpu({1, 4}), dy = Tensor::cpu({1, 2}), dx = Tensor::cpu({1, 4});
    for (int i = 0; i < 4; ++i) x.data()[i] = 1.0f;
    dy.data()[0] = 3.0f;
    dy.data()[1] = 5.0f;
    fast_->maxout_backward(x, 2, dy, dx);
    QCOMPARE(dx.data()[0], 3.0f);
    QCOMPARE(dx.data()[1], 0.0f);
    QCOMPARE(dx.data()[2], 5.0f);
    QCOMPARE(dx.data()[3], 0.0f);
  }

  void softmax() {
    Rng rng(5);
    for (const Shape& s : {Shape{1, 1}, Shape{4, 3}, Shape{64, 10}, Shape{3, 1000}}) {
      Tensor x = random(s, rng, -20.0f, 20.0f), dy = random(s, rng);
      Tensor y1 = Tensor::cpu(s), y2 = Tensor::cpu(s);
      fast_->softmax_forward(x, y1);
      naive_->softmax_forward(x, y2);
      QVERIFY(close(y1, y2, "softmax_forward " + s.to_string(), 1e-5, 1e-7));
      Tensor dx1 = Tensor::cpu(s), dx2 = Tensor::cpu(s);
      fast_->softmax_backward(y2, dy, dx1);
      naive_->softmax_backward(y2, dy, dx2);
      QVERIFY(close_normwise(dx1, dx2, "softmax_backward " + s.to_string()));
    }
  }

  void concat() {
    Rng rng(6);
    const std::vector<std::vector<Shape>> cases{
        {{3, 2}, {3, 5}}, {{2, 1, 4, 4}, {2, 3, 4, 4}, {2, 2, 4, 4}}, {{64, 100}, {64, 28}}};
    for (const auto& shapes : cases) {
      Shape out = shapes[0];
      out[1] = 0;
      std::vector<Tensor> parts;
      std::vector<const Tensor*> ptrs;
      for (const Shape& s : shapes) {
        parts.push_back(random(s, rng));
        out[1] += s[1];
      }
      for (auto& t : parts) ptrs.push_back(&t);
      Tensor y1 = Tensor::cpu(out), y2 = Tensor::cpu(out);
      fast_->concat_forward(ptrs.data(), static_cast<int>(ptrs.size()), y1);
      naive_->concat_forward(ptrs.data(), static_cast<int>(ptrs.size()), y2);
      QVERIFY(close(y1, y2, "concat_forward " + out.to_string(), 0, 0));
      Tensor dy = random(out, rng);
      std::vector<Tensor> d1, d2;
      for (const Shape& s : shapes) {
        d1.push_back(Tensor::cpu(s));
        d2.push_back(Tensor::cpu(s));
      }
      std::vector<Tensor*> p1, p2;
      for (size_t i = 0; i < shapes.size(); ++i) {
        p1.push_back(&d1[i]);
        p2.push_back(&d2[i]);
      }
      p1[0] = nullptr;  // a skipped entry: its width is inferred
      p2[0] = nullptr;
      fast_->concat_backward(dy, p1.data(), static_cast<int>(p1.size()));
      naive_->concat_backward(dy, p2.data(), static_cast<int>(p2.size()));
      for (size_t i = 1; i < shapes.size(); ++i)
        QVERIFY(close(d1[i], d2[i], "concat_backward part " + std::to_string(i), 0, 0));
      // the round trip: concat then split gives the parts back
      std::vector<Tensor*> all;
      for (auto& t : d1) all.push_back(&t);
      fast_->concat_backward(y1, all.data(), static_cast<int>(all.size()));
      for (size_t i = 0; i < shapes.size(); ++i)
        QVERIFY(close(d1[i], parts[i], "concat round trip " + std::to_string(i), 0, 0));
    }
  }

  void losses() {
    Rng rng(7);
    LossParams lp;
    lp.delta = 0.7f;
    for (LossKind kind : all_loss_kinds())
      for (const Shape& s : {Shape{1, 1}, Shape{10, 1}, Shape{8, 3}, Shape{256, 10}}) {
        const std::string tag = to_string(kind) + " " + s.to_string();
        Tensor pred = random(s, rng, -4.0f, 4.0f);
        Tensor target;
        if (kind == LossKind::CrossEntropyLoss) {
          target = Tensor::cpu({s[0]});
          for (int64_t i = 0; i < s[0]; ++i)
            target.data()[i] = static_cast<float>(rng.below(static_cast<uint64_t>(s[1])));
        } else if (kind == LossKind::BCEWithLogitsLoss) {
          target = random(s, rng, 0.0f, 1.0f);
        } else {
          target = random(s, rng, -4.0f, 4.0f);
        }
        Tensor d1 = Tensor::cpu(s), d2 = Tensor::cpu(s);
        const double l1 = fast_->loss_forward_backward(kind, lp, pred, target, &d1);
        const double l2 = naive_->loss_forward_backward(kind, lp, pred, target, &d2);
        QVERIFY2(std::fabs(l1 - l2) <= 1e-5 * std::fabs(l2) + 1e-7,
                 (tag + ": " + std::to_string(l1) + " vs " + std::to_string(l2)).c_str());
        QVERIFY(close(d1, d2, "loss grad " + tag, 1e-5, 1e-8));
        // without a gradient buffer, the same loss
        QCOMPARE(fast_->loss_forward_backward(kind, lp, pred, target, nullptr), l1);
      }
  }

  void cross_entropy_rejects_bad_labels() {
    Tensor pred = Tensor::cpu({2, 3}), target = Tensor::cpu({2});
    target.data()[1] = 3.0f;
    QVERIFY_THROWS_EXCEPTION(
        Error, fast_->loss_forward_backward(LossKind::CrossEntropyLoss, {}, pred, target, nullptr));
  }

  void count_correct() {
    Rng rng(8);
    for (const Shape& s : {Shape{10, 1}, Shape{50, 4}}) {
      Tensor pred = random(s, rng), target = Tensor::cpu({s[0]});
      for (int64_t i = 0; i < s[0]; ++i)
        target.data()[i] =
            static_cast<float>(rng.below(static_cast<uint64_t>(std::max<int64_t>(2, s[1]))));
      for (float threshold : {0.0f, 0.5f})
        QCOMPARE(fast_->count_correct(pred, target, threshold),
                 naive_->count_correct(pred, target, threshold));
    }
    // hand-made: (N, 1) threshold rule and (N, C) argmax rule
    Tensor p1 = Tensor::cpu({3, 1}), t1 = Tensor::cpu({3});
    p1.data()[0] = 0.5f, t1.data()[0] = 1.0f;   // right
    p1.data()[1] = -0.5f, t1.data()[1] = 1.0f;  // wrong
    p1.data()[2] = -2.0f, t1.data()[2] = 0.0f;  // right
    QCOMPARE(fast_->count_correct(p1, t1, 0.0f), int64_t{2});
    QCOMPARE(fast_->count_correct(p1, t1, 0.5f), int64_t{1});  // 0.5 is not above 0.5
    Tensor p2 = Tensor::cpu({2, 3}), t2 = Tensor::cpu({2});
    p2.data()[1] = 1.0f;  // row 0 -> class 1
    p2.data()[5] = 1.0f;  // row 1 -> class 2
    t2.data()[0] = 1.0f;
    t2.data()[1] = 0.0f;
    QCOMPARE(fast_->count_correct(p2, t2, 0.5f), int64_t{1});
  }
};

QTEST_APPLESS_MAIN(TestDenseNaiveVsFast)
#include "test_dense_naive_vs_fast.moc"
