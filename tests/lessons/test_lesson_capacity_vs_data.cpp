// Lesson "Capacity vs data: 2, 4, 6, 8, ...?" (resources/lessons/capacity-vs-data.json): a Linear
// unit and a big network agree on 6 points of a plane and disagree off them; 60 points or an L2
// penalty make the big network pick the plane too.
#include <QtTest>

#include "lesson_forward.h"

using namespace bp;
using namespace bp::test;

namespace {

constexpr int kGrid = 61;  // per axis over [-6, 6]^2, the plane toy's range, every 0.2

struct Pair {
  double train_mse = 0.0;  // the worse of the two runs' training MSE
  double on_data = 0.0;    // largest |f_a - f_b| at the training points
  double off_data = 0.0;   // RMS of f_a - f_b over the grid
};

Pair compare_fits(const Lesson& lesson, const std::string& a_id, const std::string& b_id) {
  LessonRun a(lesson.project(a_id)), b(lesson.project(b_id));
  if (!a.train() || !b.train()) throw Error(a_id + " or " + b_id + " diverged");
  Pair p;
  p.train_mse = std::max(a.train_metrics().loss, b.train_metrics().loss);
  const Dataset& train = a.data.train;
  // at the Linear unit's training points: the 6 points of the lesson
  const auto fa = forward_rows(a, train.features, train.size());  // (N, 1)
  const auto fb = forward_rows(b, train.features, train.size());  // (N, 1)
  for (size_t i = 0; i < fa.size(); ++i)
    p.on_data = std::max(p.on_data, double(std::fabs(fa[i] - fb[i])));
  std::vector<float> grid;  // (G*G, 2)
  for (int i = 0; i < kGrid; ++i)
    for (int j = 0; j < kGrid; ++j) {
      grid.push_back(-6.0f + 12.0f * float(j) / (kGrid - 1));
      grid.push_back(-6.0f + 12.0f * float(i) / (kGrid - 1));
    }
  const int64_t g = kGrid * kGrid;
  const auto ga = forward_rows(a, grid, g), gb = forward_rows(b, grid, g);  // (G*G, 1)
  for (size_t i = 0; i < size_t(g); ++i) p.off_data += std::pow(ga[i] - gb[i], 2.0);
  p.off_data = std::sqrt(p.off_data / double(g));
  qInfo(
      "%s vs %s: %lld training points, training MSE <= %.2g, |a - b| on them <= %.3f, RMS a - b "
      "on [-6, 6]^2 %.3f",
      a_id.c_str(), b_id.c_str(), static_cast<long long>(train.size()), p.train_mse, p.on_data,
      p.off_data);
  return p;
}

}  // namespace

class TestLessonCapacityVsData : public QObject {
  Q_OBJECT
 private slots:
  void more_data_or_l2_make_two_fits_agree() {
    const Lesson lesson = bundled_lesson("capacity-vs-data");
    const Pair few = compare_fits(lesson, "simple", "big");
    const Pair more = compare_fits(lesson, "simple", "big-more");
    const Pair l2 = compare_fits(lesson, "simple", "big-l2");
    QVERIFY(few.train_mse < 1e-3);
    QVERIFY2(few.on_data < 0.01, "the two fits should agree on the data");
    QVERIFY2(few.off_data > 0.1, "the two fits should disagree off the data");
    QVERIFY2(more.off_data < few.off_data / 4.0,
             "60 points should make the big net pick the plane");
    QVERIFY2(l2.off_data < few.off_data / 4.0, "L2 should make the big net pick the plane");
  }
};

QTEST_APPLESS_MAIN(TestLessonCapacityVsData)
#include "test_lesson_capacity_vs_data.moc"
