// Lesson "ReLUs compose" (resources/lessons/relu-polygon.json): one hidden layer of k ReLU units
// makes a piecewise-linear decision boundary, a polygon around the circle data.
#include <QtTest>

#include <array>
#include <map>
#include <set>

#include "lesson_forward.h"

using namespace bp;
using namespace bp::test;

namespace {

constexpr int kGrid = 201;  // grid points per axis over the toy's [-6, 6] square

struct Pieces {
  size_t regions = 0;           // distinct activation patterns of the hidden layer on the grid
  size_t boundary_regions = 0;  // patterns of the grid points where the predicted class flips
  double worst_residual = 0.0;  // largest misfit of an affine fit of the logit gap in a region
};

// Least-squares fit of v = a + b x + c y over the points; the largest |residual|.
double affine_residual(const std::vector<std::array<double, 3>>& pts) {
  double m[3][4] = {};
  for (const auto& p : pts) {
    const double row[3] = {1.0, p[0], p[1]};
    for (int i = 0; i < 3; ++i) {
      for (int j = 0; j < 3; ++j) m[i][j] += row[i] * row[j];
      m[i][3] += row[i] * p[2];
    }
  }
  for (int c = 0; c < 3; ++c) {  // Gauss-Jordan with partial pivoting
    int pivot = c;
    for (int r = c + 1; r < 3; ++r)
      if (std::fabs(m[r][c]) > std::fabs(m[pivot][c])) pivot = r;
    std::swap(m[c], m[pivot]);
    if (std::fabs(m[c][c]) < 1e-12) return 0.0;  // degenerate (collinear points): no check
    for (int r = 0; r < 3; ++r) {
      if (r == c) continue;
      const double f = m[r][c] / m[c][c];
      for (int j = c; j < 4; ++j) m[r][j] -= f * m[c][j];
    }
  }
  const double a = m[0][3] / m[0][0], b = m[1][3] / m[1][1], c = m[2][3] / m[2][2];
  double worst = 0.0;
  for (const auto& p : pts) worst = std::max(worst, std::fabs(a + b * p[0] + c * p[1] - p[2]));
  return worst;
}

Pieces count_pieces(LessonRun& run, int units) {
  std::vector<float> grid;
  for (int i = 0; i < kGrid; ++i)
    for (int j = 0; j < kGrid; ++j) {
      grid.push_back(-6.0f + 12.0f * static_cast<float>(j) / (kGrid - 1));  // x1
      grid.push_back(-6.0f + 12.0f * static_cast<float>(i) / (kGrid - 1));  // x2
    }
  std::vector<float> hidden;                                                   // (G, units)
  const auto logits = forward_rows(run, grid, kGrid * kGrid, "fc1", &hidden);  // (G, 2)
  std::vector<uint32_t> pattern(kGrid * kGrid, 0);
  std::map<uint32_t, std::vector<std::array<double, 3>>> regions;
  for (size_t g = 0; g < pattern.size(); ++g) {
    for (int u = 0; u < units; ++u)
      if (hidden[g * static_cast<size_t>(units) + static_cast<size_t>(u)] > 0.0f)
        pattern[g] |= 1u << u;
    regions[pattern[g]].push_back(
        {grid[2 * g], grid[2 * g + 1], double(logits[2 * g + 1]) - logits[2 * g]});
  }
  Pieces p;
  p.regions = regions.size();
  for (const auto& [pat, pts] : regions)
    p.worst_residual = std::max(p.worst_residual, affine_residual(pts));
  std::set<uint32_t> boundary;
  const auto cls = [&](size_t g) { return logits[2 * g + 1] > logits[2 * g]; };
  for (int i = 0; i < kGrid; ++i)
    for (int j = 0; j < kGrid; ++j) {
      const size_t g = static_cast<size_t>(i * kGrid + j);
      if ((j + 1 < kGrid && cls(g) != cls(g + 1)) || (i + 1 < kGrid && cls(g) != cls(g + kGrid)))
        boundary.insert(pattern[g]);
    }
  p.boundary_regions = boundary.size();
  return p;
}

}  // namespace

class TestLessonReluPolygon : public QObject {
  Q_OBJECT
 private slots:
  void a_few_relus_make_a_polygon() {
    const Lesson lesson = bundled_lesson("relu-polygon");
    for (int k : {2, 3, 6}) {
      LessonRun run(lesson.project("relu" + std::to_string(k)));
      QVERIFY(run.train());
      const double acc = run.test_metrics().accuracy;
      const Pieces p = count_pieces(run, k);
      const size_t max_regions = 1 + size_t(k) + size_t(k * (k - 1) / 2);
      qInfo(
          "%d ReLU units: test accuracy %.3f, %zu linear regions (at most %zu), boundary in %zu "
          "of them, worst affine residual %.2g",
          k, acc, p.regions, max_regions, p.boundary_regions, p.worst_residual);
      QVERIFY2(p.worst_residual < 1e-3, "the logit gap is not affine inside a region");
      QVERIFY(p.regions <= max_regions);
      QVERIFY(p.boundary_regions <= p.regions);
      if (k == 2) {
        QVERIFY2(acc < 0.9, qPrintable(QString::number(acc)));  // two lines cannot enclose it
      } else {
        QVERIFY2(acc >= 0.98, qPrintable(QString::number(acc)));
        QVERIFY2(p.boundary_regions >= 3, "the boundary is not a closed polygon");
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestLessonReluPolygon)
#include "test_lesson_relu_polygon.moc"
