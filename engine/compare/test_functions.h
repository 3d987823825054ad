#pragma once
// The classic 2-D optimization test surfaces, with their gradients, for the trajectories view:
// where optimizers crawl (Rosenbrock's valley), overshoot (momentum), stall (the saddle) or adapt
// per coordinate (the ill-conditioned bowl). f(x, y) and its gradient in double precision.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bp {

enum class TestFunction : uint8_t {
  Rosenbrock,      // (1 - x)^2 + 100 (y - x^2)^2; minimum 0 at (1, 1)
  Beale,           // (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2; 0 at (3, 0.5)
  Himmelblau,      // (x^2 + y - 11)^2 + (x + y^2 - 7)^2; four minima of 0, e.g. (3, 2)
  Saddle,          // x^2 - y^2; a saddle point at (0, 0), unbounded below
  IllConditioned,  // (x^2 + 50 y^2) / 2; condition number 50, minimum 0 at (0, 0)
  Rastrigin,       // 20 + sum over x, y of (t^2 - 10 cos(2 pi t)); many local minima, 0 at (0,0)
};

struct TestFunctionInfo {
  TestFunction function;
  const char* name;                           // "rosenbrock" (file / CLI name)
  const char* title;                          // "Rosenbrock"
  const char* formula;                        // "(1 − x)² + 100 (y − x²)²"
  std::array<double, 4> domain;               // xmin, xmax, ymin, ymax of the default view
  std::array<double, 2> start;                // a start point that shows the function's character
  std::vector<std::array<double, 2>> minima;  // global minima (none for the saddle)
};

const std::vector<TestFunctionInfo>& test_functions();
const TestFunctionInfo& test_function_info(TestFunction f);
std::optional<TestFunction> parse_test_function(std::string_view name);

double test_function_value(TestFunction f, double x, double y);
// (df/dx, df/dy)
std::array<double, 2> test_function_gradient(TestFunction f, double x, double y);

}  // namespace bp
