#include "engine/compare/test_functions.h"

#include <cmath>
#include <numbers>

#include "engine/core/error.h"

namespace bp {

const std::vector<TestFunctionInfo>& test_functions() {
  static const std::vector<TestFunctionInfo> all{
      {TestFunction::Rosenbrock,
       "rosenbrock",
       "Rosenbrock",
       "(1 − x)² + 100 (y − x²)²",
       {-2.0, 2.0, -1.0, 3.0},
       {-1.5, 2.5},
       {{1.0, 1.0}}},
      {TestFunction::Beale,
       "beale",
       "Beale",
       "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
       {-4.5, 4.5, -4.5, 4.5},
       {1.0, 1.5},
       {{3.0, 0.5}}},
      {TestFunction::Himmelblau,
       "himmelblau",
       "Himmelblau",
       "(x² + y − 11)² + (x + y² − 7)²",
       {-5.0, 5.0, -5.0, 5.0},
       {0.0, 0.0},
       {{3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}}},
      {TestFunction::Saddle,
       "saddle",
       "Saddle",
       "x² − y²",
       {-2.0, 2.0, -2.0, 2.0},
       {-1.5, 1e-3},
       {}},
      {TestFunction::IllConditioned,
       "ill-conditioned",
       "Ill-conditioned bowl",
       "(x² + 50 y²) / 2",
       {-3.0, 3.0, -1.5, 1.5},
       {-2.5, 1.0},
       {{0.0, 0.0}}},
      {TestFunction::Rastrigin,
       "rastrigin",
       "Rastrigin",
       "20 + x² − 10 cos 2πx + y² − 10 cos 2πy",
       {-5.12, 5.12, -5.12, 5.12},
       {3.2, -2.7},
       {{0.0, 0.0}}},
  };
  return all;
}

const TestFunctionInfo& test_function_info(TestFunction f) {
  for (const TestFunctionInfo& info : test_functions())
    if (info.function == f) return info;
  throw Error("unknown test function");
}

std::optional<TestFunction> parse_test_function(std::string_view name) {
  for (const TestFunctionInfo& info : test_functions())
    if (name == info.name) return info.function;
  return std::nullopt;
}

double test_function_value(TestFunction f, double x, double y) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  switch (f) {
    case TestFunction::Rosenbrock:
      return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    case TestFunction::Beale: {
      const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
      return a * a + b * b + c * c;
    }
    case TestFunction::Himmelblau: {
      const double a = x * x + y - 11, b = x + y * y - 7;
      return a * a + b * b;
    }
    case TestFunction::Saddle:
      return x * x - y * y;
    case TestFunction::IllConditioned:
      return 0.5 * (x * x + 50 * y * y);
    case TestFunction::Rastrigin:
      return 20 + x * x - 10 * std::cos(kTwoPi * x) + y * y - 10 * std::cos(kTwoPi * y);
  }
  return 0.0;
}

std::array<double, 2> test_function_gradient(TestFunction f, double x, double y) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  switch (f) {
    case TestFunction::Rosenbrock:
      return {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
    case TestFunction::Beale: {
      const double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
      return {2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
              2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y};
    }
    case TestFunction::Himmelblau: {
      const double a = x * x + y - 11, b = x + y * y - 7;
      return {4 * x * a + 2 * b, 2 * a + 4 * y * b};
    }
    case TestFunction::Saddle:
      return {2 * x, -2 * y};
    case TestFunction::IllConditioned:
      return {x, 50 * y};
    case TestFunction::Rastrigin:
      return {2 * x + 10 * kTwoPi * std::sin(kTwoPi * x),
              2 * y + 10 * kTwoPi * std::sin(kTwoPi * y)};
  }
  return {0.0, 0.0};
}

}  // namespace bp
