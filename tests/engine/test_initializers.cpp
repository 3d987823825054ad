// torch.nn.init formulas: statistics (mean, std, bounds) of large draws, orthogonality,
// calculate_gain values as torch returns them, and Linear's resolution of InitKind::Default.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/init/initializers.h"
#include "engine/nn/layer_factory.h"

using namespace bp;

namespace {

struct Stats {
  double mean = 0, std = 0, min = 0, max = 0;
};

Stats stats(const std::vector<float>& v) {
  Stats s;
  s.min = *std::min_element(v.begin(), v.end());
  s.max = *std::max_element(v.begin(), v.end());
  double sum = 0, sq = 0;
  for (float x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  for (float x : v) sq += (x - s.mean) * (x - s.mean);
  s.std = std::sqrt(sq / static_cast<double>(v.size()));
  return s;
}

std::vector<float> draw(const Shape& shape, const InitSpec& spec, int64_t fan_in, int64_t fan_out,
                        uint64_t seed = 1) {
  std::vector<float> v(static_cast<size_t>(shape.numel()));
  Rng rng(seed);
  initialize(v, shape, spec, fan_in, fan_out, rng);
  return v;
}

InitSpec spec_of(InitKind kind) {
  InitSpec s;
  s.kind = kind;
  return s;
}

// mean ~ 0 and std within 2% of the target; for uniform draws also the bound.
void expect_zero_mean_std(const std::vector<float>& v, double stddev, double bound = 0) {
  const Stats s = stats(v);
  QVERIFY2(std::fabs(s.mean) < 0.02 * stddev + 1e-6, qPrintable(QString::number(s.mean)));
  QVERIFY2(std::fabs(s.std - stddev) < 0.02 * stddev,
           qPrintable(QString("std %1 vs %2").arg(s.std).arg(stddev)));
  if (bound > 0) {
    QVERIFY(s.min >= -bound && s.max <= bound);
    QVERIFY(s.max > 0.99 * bound && s.min < -0.99 * bound);
  }
}

}  // namespace

class TestInitializers : public QObject {
  Q_OBJECT
  const Shape shape_{256, 400};  // 102,400 draws
  const int64_t fan_in_ = 400, fan_out_ = 256;

 private slots:
  void calculate_gain_matches_torch() {
    // values printed by torch.nn.init.calculate_gain (PyTorch 1.13)
    QCOMPARE(calculate_gain(Nonlinearity::Linear), 1.0f);
    QCOMPARE(calculate_gain(Nonlinearity::Sigmoid), 1.0f);
    QVERIFY(std::fabs(calculate_gain(Nonlinearity::Tanh) - 1.6666666f) < 1e-6f);
    QVERIFY(std::fabs(calculate_gain(Nonlinearity::ReLU) - 1.4142135f) < 1e-6f);
    QVERIFY(std::fabs(calculate_gain(Nonlinearity::LeakyReLU) - 1.4141428f) < 1e-6f);
    QVERIFY(std::fabs(calculate_gain(Nonlinearity::LeakyReLU, 0.2f) - 1.3867505f) < 1e-6f);
    QVERIFY(std::fabs(calculate_gain(Nonlinearity::LeakyReLU, std::sqrt(5.0f)) - 0.5773503f) <
            1e-6f);
    QCOMPARE(calculate_gain(Nonlinearity::SELU), 0.75f);
  }

  void constants() {
    for (float v : draw({3, 4}, spec_of(InitKind::Zeros), 4, 3)) QCOMPARE(v, 0.0f);
    InitSpec c = spec_of(InitKind::Constant);
    c.value = 0.25f;
    for (float v : draw({7}, c, 1, 1)) QCOMPARE(v, 0.25f);
  }

  void uniform_and_normal() {
    InitSpec u = spec_of(InitKind::Uniform);
    u.a = -0.5f;
    u.b = 1.5f;
    const Stats su = stats(draw(shape_, u, fan_in_, fan_out_));
    QVERIFY(su.min >= -0.5 && su.max < 1.5);
    QVERIFY(std::fabs(su.mean - 0.5) < 0.01);
    QVERIFY(std::fabs(su.std - 2.0 / std::sqrt(12.0)) < 0.01);
    InitSpec n = spec_of(InitKind::Normal);
    n.mean = 0.3f;
    n.std = 0.02f;
    const Stats sn = stats(draw(shape_, n, fan_in_, fan_out_));
    QVERIFY(std::fabs(sn.mean - 0.3) < 0.001);
    QVERIFY(std::fabs(sn.std - 0.02) < 0.0004);
  }

  void xavier() {
    InitSpec s = spec_of(InitKind::XavierUniform);
    s.gain = 5.0f / 3.0f;
    const double stddev = s.gain * std::sqrt(2.0 / (fan_in_ + fan_out_));
    expect_zero_mean_std(draw(shape_, s, fan_in_, fan_out_), stddev, std::sqrt(3.0) * stddev);
    s.kind = InitKind::XavierNormal;
    expect_zero_mean_std(draw(shape_, s, fan_in_, fan_out_), stddev);
  }

  void kaiming() {
    InitSpec s = spec_of(InitKind::KaimingUniform);  // torch default: a=0, fan_in, leaky_relu
    double stddev = std::sqrt(2.0) / std::sqrt(static_cast<double>(fan_in_));
    expect_zero_mean_std(draw(shape_, s, fan_in_, fan_out_), stddev, std::sqrt(3.0) * stddev);
    s.kind = InitKind::KaimingNormal;
    s.mode = FanMode::FanOut;
    s.nonlinearity = Nonlinearity::ReLU;
    stddev = std::sqrt(2.0) / std::sqrt(static_cast<double>(fan_out_));
    expect_zero_mean_std(draw(shape_, s, fan_in_, fan_out_), stddev);
    s.kind = InitKind::KaimingUniform;
    s.mode = FanMode::FanIn;
    s.nonlinearity = Nonlinearity::LeakyReLU;
    s.a = std::sqrt(5.0f);  // nn.Linear's default: bound = 1/sqrt(fan_in)
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in_));
    expect_zero_mean_std(draw(shape_, s, fan_in_, fan_out_), bound / std::sqrt(3.0), bound);
    s.nonlinearity = Nonlinearity::Tanh;  // a is ignored for tanh
    stddev = (5.0 / 3.0) / std::sqrt(static_cast<double>(fan_in_));
    expect_zero_mean_std(draw(shape_, s, fan_in_, fan_out_), stddev, std::sqrt(3.0) * stddev);
  }

  void lecun() {
    expect_zero_mean_std(draw(shape_, spec_of(InitKind::LecunNormal), fan_in_, fan_out_),
                         1.0 / std::sqrt(static_cast<double>(fan_in_)));
  }

  void orthogonal_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::newRow("square") << 16 << 16;
    QTest::newRow("wide") << 8 << 30;
    QTest::newRow("tall") << 30 << 8;
  }
  void orthogonal() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    InitSpec s = spec_of(InitKind::Orthogonal);
    s.gain = 1.5f;
    const std::vector<float> w = draw({rows, cols}, s, cols, rows, 3);
    // W W^T = gain^2 I when rows <= cols, W^T W = gain^2 I otherwise
    const int k = std::min(rows, cols);
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) {
        double dot = 0;
        for (int t = 0; t < std::max(rows, cols); ++t) {
          const size_t a =
              rows <= cols ? static_cast<size_t>(i * cols + t) : static_cast<size_t>(t * cols + i);
          const size_t b =
              rows <= cols ? static_cast<size_t>(j * cols + t) : static_cast<size_t>(t * cols + j);
          dot += static_cast<double>(w[a]) * w[b];
        }
        const double want = i == j ? 2.25 : 0.0;
        QVERIFY2(std::fabs(dot - want) < 1e-5,
                 qPrintable(QString("(%1,%2): %3").arg(i).arg(j).arg(dot)));
      }
    // a conv-shaped weight (out, in, kh, kw) is treated as (out, in*kh*kw)
    const std::vector<float> c = draw({4, 2, 3, 3}, s, 18, 36, 4);
    double row0 = 0;
    for (int t = 0; t < 18; ++t)
      row0 += static_cast<double>(c[static_cast<size_t>(t)]) * c[static_cast<size_t>(t)];
    QVERIFY(std::fabs(row0 - 2.25) < 1e-5);
  }

  void deterministic_per_seed() {
    InitSpec s = spec_of(InitKind::KaimingNormal);
    QCOMPARE(draw({8, 8}, s, 8, 8, 5), draw({8, 8}, s, 8, 8, 5));
    QVERIFY(draw({8, 8}, s, 8, 8, 5) != draw({8, 8}, s, 8, 8, 6));
  }

  void default_is_resolved_by_linear() {
    NodeSpec n;
    n.kind = NodeKind::Linear;
    n.params.out_features = 64;
    auto layer = make_layer(n);
    const std::vector<Shape> in{Shape{100}};
    const auto decls = layer->parameters(in);
    QCOMPARE(decls.size(), size_t{2});
    QCOMPARE(decls[0].shape, (Shape{64, 100}));
    QCOMPARE(decls[1].shape, (Shape{64}));
    for (const auto& d : decls) {
      QVERIFY(d.init.kind != InitKind::Default);
      std::vector<float> v(static_cast<size_t>(d.shape.numel()));
      Rng rng(9);
      initialize(v, d.shape, d.init, d.fan_in, d.fan_out, rng);
      const Stats s = stats(v);
      QVERIFY(s.min >= -0.1 && s.max <= 0.1);  // 1/sqrt(100)
      if (d.name == "weight") QVERIFY(s.max > 0.098 && s.min < -0.098);
    }
    QVERIFY_THROWS_EXCEPTION(Error, draw({2}, InitSpec{}, 1, 1));
  }
};

QTEST_APPLESS_MAIN(TestInitializers)
#include "test_initializers.moc"
