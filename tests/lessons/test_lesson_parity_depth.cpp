// Lesson "Depth vs width on N-bit parity" (resources/lessons/parity-depth.json): how many Tanh
// units gradient descent needs to fit all 256 patterns of 8-bit parity, one layer or three.
#include <QtTest>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

// Seeds 1-5 of a lesson project that reach 100 % training accuracy.
int seeds_that_fit(const Project& p, const char* label) {
  int fits = 0;
  QString accs;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    LessonRun run(p, seed);
    if (!run.train()) continue;
    const double acc = run.train_metrics().accuracy;
    accs += QString(" %1").arg(acc, 0, 'f', 3);
    fits += acc == 1.0;
  }
  qInfo("%s: training accuracy by seed%s -> %d of 5 fit", label, qPrintable(accs), fits);
  return fits;
}

}  // namespace

class TestLessonParityDepth : public QObject {
  Q_OBJECT
 private slots:
  void the_data_is_the_whole_truth_table() {
    const Lesson lesson = bundled_lesson("parity-depth");
    LessonRun run(lesson.project("wide8"));
    const Dataset& train = run.data.train;
    QCOMPARE(train.sample_shape.numel(), int64_t{8});
    std::vector<bool> seen(256, false);
    for (int64_t i = 0; i < train.size(); ++i) {
      int pattern = 0, ones = 0;
      for (int k = 0; k < 8; ++k)
        if (train.sample(i)[k] > 0.0f) pattern |= 1 << k, ++ones;
      seen[static_cast<size_t>(pattern)] = true;
      QCOMPARE(static_cast<int>(train.target(i)[0]), ones % 2);
    }
    QVERIFY(std::all_of(seen.begin(), seen.end(), [](bool s) { return s; }));
  }

  void the_textbook_constructions_compute_parity() {
    const Lesson lesson = bundled_lesson("parity-depth");
    const struct {
      const char* id;
      int units, layers;  // hidden Step units and Linear layers before the output
    } built[] = {
        {"built-or-of-ands", 128, 1}, {"built-xor-chain", 21, 14}, {"built-counting", 8, 1}};
    for (const auto& b : built) {
      const Project& p = lesson.project(b.id);
      QVERIFY(!p.weights.empty());
      int units = 0, layers = 0;
      for (const auto& n : p.network.nodes) {
        if (n.kind != NodeKind::Linear || n.name == "out") continue;
        units += static_cast<int>(n.params.out_features);
        ++layers;
      }
      LessonRun run(p);  // untrained: the file's weights
      run.model.params().from_host(run.backend, p.weights);
      const double acc = run.train_metrics().accuracy, test = run.test_metrics().accuracy;
      qInfo("%-17s %3d Step units in %2d layers: accuracy %.3f (training), %.3f (test)", b.id,
            units, layers, acc, test);
      QCOMPARE(units, b.units);
      QCOMPARE(layers, b.layers);
      QCOMPARE(acc, 1.0);
      QCOMPARE(test, 1.0);
    }
  }

  void width_and_depth_needed_by_gradient_descent() {
    const Lesson lesson = bundled_lesson("parity-depth");
    const int narrow = seeds_that_fit(lesson.project("wide8"), "1 layer x 8 (N)");
    const int wide = seeds_that_fit(lesson.project("wide32"), "1 layer x 32 (4N)");
    const int deep = seeds_that_fit(lesson.project("deep"), "3 layers x 8 (24)");
    QCOMPARE(narrow, 0);
    QCOMPARE(wide, 5);
    QVERIFY2(deep >= 2, qPrintable(QString::number(deep)));
  }
};

QTEST_APPLESS_MAIN(TestLessonParityDepth)
#include "test_lesson_parity_depth.moc"
