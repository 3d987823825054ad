// Test functions and trajectories: the formulas and gradients match torch.autograd, gradients
// match finite differences, and the engine's own optimizers take the same first 10 steps on each
// surface as torch.optim (fixture: tests/reference/make_test_function_fixtures.py).
#include <QtTest>
#include <cmath>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/compare/optimizer_hyper.h"
#include "engine/compare/test_functions.h"
#include "engine/compare/trajectory.h"
#include "tests/engine/optim_test_util.h"

using namespace bp;

class TestCompareTestFunctions : public QObject {
  Q_OBJECT
 private slots:
  void values_and_gradients_match_autograd() {
    const nlohmann::json fx = test::load_fixture("compare_test_functions.json");
    int checked = 0;
    for (const auto& g : fx.at("gradients")) {
      const auto f = parse_test_function(g.at("function").get<std::string>());
      QVERIFY(f.has_value());
      const double x = g.at("point")[0], y = g.at("point")[1];
      QVERIFY(
          test::close(test_function_value(*f, x, y), g.at("value").get<double>(), 1e-12, 1e-12));
      const auto grad = test_function_gradient(*f, x, y);
      QVERIFY2(test::close(grad[0], g.at("gradient")[0].get<double>(), 1e-12, 1e-10),
               g.dump().c_str());
      QVERIFY2(test::close(grad[1], g.at("gradient")[1].get<double>(), 1e-12, 1e-10),
               g.dump().c_str());
      ++checked;
    }
    QCOMPARE(checked, 18);
  }

  void gradients_match_finite_differences() {
    const double h = 1e-6;
    for (const TestFunctionInfo& info : test_functions()) {
      for (const auto& p : {std::array<double, 2>{0.37, -0.61}, info.start}) {
        const auto g = test_function_gradient(info.function, p[0], p[1]);
        const double fx = (test_function_value(info.function, p[0] + h, p[1]) -
                           test_function_value(info.function, p[0] - h, p[1])) /
                          (2 * h);
        const double fy = (test_function_value(info.function, p[0], p[1] + h) -
                           test_function_value(info.function, p[0], p[1] - h)) /
                          (2 * h);
        QVERIFY2(test::close(g[0], fx, 1e-5, 1e-5), info.name);
        QVERIFY2(test::close(g[1], fy, 1e-5, 1e-5), info.name);
      }
      for (const auto& m : info.minima)
        QVERIFY2(test_function_value(info.function, m[0], m[1]) < 1e-9, info.name);
    }
  }

  void first_ten_steps_match_torch_optim() {
    const nlohmann::json fx = test::load_fixture("compare_test_functions.json");
    CpuBackend backend;
    int cases = 0;
    for (const auto& c : fx.at("cases")) {
      const auto f = parse_test_function(c.at("function").get<std::string>());
      QVERIFY(f.has_value());
      const OptimizerConfig config =
          test::optimizer_config(c.at("optimizer").get<std::string>(), c.at("config"));
      const std::array<float, 2> start{c.at("start")[0].get<float>(),
                                       c.at("start")[1].get<float>()};
      const auto path = optimize_test_function(backend, *f, config, start, 10);
      const auto& expected = c.at("points");
      QCOMPARE(path.size(), expected.size());
      for (size_t k = 0; k < path.size(); ++k) {
        const std::string where = c.at("function").get<std::string>() + " " +
                                  c.at("label").get<std::string>() + " step " + std::to_string(k);
        QVERIFY2(test::close(path[k].x, expected[k][0].get<double>(), 1e-5, 1e-6), where.c_str());
        QVERIFY2(test::close(path[k].y, expected[k][1].get<double>(), 1e-5, 1e-6), where.c_str());
      }
      ++cases;
    }
    QCOMPARE(cases, 36);
  }

  void trajectories_show_what_the_notes_teach() {
    CpuBackend backend;
    // Adagrad's steps shrink
    OptimizerConfig adagrad = default_optimizer_config(OptimizerKind::Adagrad);
    adagrad.lr = 0.5f;
    const auto a =
        optimize_test_function(backend, TestFunction::IllConditioned, adagrad, {-2.5f, 1.0f}, 50);
    auto step_len = [](const TrajectoryPoint& p, const TrajectoryPoint& q) {
      return std::hypot(q.x - p.x, q.y - p.y);
    };
    QVERIFY(step_len(a[40], a[41]) < step_len(a[0], a[1]));
    // plain GD stalls near the saddle; the saddle escapes to infinity eventually and stops
    OptimizerConfig sgd = default_optimizer_config(OptimizerKind::SGD);
    sgd.lr = 0.01f;
    const auto s = optimize_test_function(backend, TestFunction::Saddle, sgd, {-1.5f, 1e-3f}, 100);
    QVERIFY(std::fabs(s[100].y) < 0.01f && std::fabs(s[100].x) < 0.3f);
    sgd.lr = 0.4f;
    const auto esc =
        optimize_test_function(backend, TestFunction::Saddle, sgd, {-1.5f, 1e-3f}, 100000, 1e3);
    QVERIFY(esc.size() < 100001);
    QVERIFY(std::fabs(esc.back().y) > 1e3);
    // momentum overshoots the minimum of the bowl along x; plain GD does not
    OptimizerConfig mom = default_optimizer_config(OptimizerKind::SGD);
    mom.lr = 0.01f, mom.momentum = 0.9f;
    const auto m =
        optimize_test_function(backend, TestFunction::IllConditioned, mom, {-2.5f, 1.0f}, 100);
    bool overshoot = false;
    for (const auto& p : m) overshoot = overshoot || p.x > 0.1f;
    QVERIFY(overshoot);
    // L-BFGS is refused with a reason
    QVERIFY_THROWS_EXCEPTION(
        Error, optimize_test_function(backend, TestFunction::Beale,
                                      default_optimizer_config(OptimizerKind::LBFGS), {0, 0}, 5));
  }
};

QTEST_APPLESS_MAIN(TestCompareTestFunctions)
#include "test_compare_test_functions.moc"
