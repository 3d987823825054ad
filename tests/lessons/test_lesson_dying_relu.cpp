// Lesson "Dying ReLU" (resources/lessons/dying-relu.json): a high learning rate leaves many ReLU
// units at zero on every training input; a moderate one leaves them alive.
#include <QtTest>

#include "lesson_forward.h"

using namespace bp;
using namespace bp::test;

namespace {

// Fraction of the units of fc1 and fc2 (32 each) whose output is 0 on every training sample.
double dead_fraction(LessonRun& run) {
  const Dataset& train = run.data.train;
  int dead = 0, units = 0;
  for (const char* layer : {"fc1", "fc2"}) {
    std::vector<float> act;  // (N, 32)
    forward_rows(run, train.features, train.size(), layer, &act);
    const size_t width = act.size() / static_cast<size_t>(train.size());
    for (size_t u = 0; u < width; ++u) {
      bool alive = false;
      for (size_t i = 0; i < static_cast<size_t>(train.size()) && !alive; ++i)
        alive = act[i * width + u] != 0.0f;
      dead += !alive;
      ++units;
    }
  }
  return static_cast<double>(dead) / units;
}

}  // namespace

class TestLessonDyingRelu : public QObject {
  Q_OBJECT
 private slots:
  void a_high_learning_rate_kills_units() {
    const Lesson lesson = bundled_lesson("dying-relu");
    LessonRun calm(lesson.project("calm")), hot(lesson.project("hot"));
    const double dead_at_start = dead_fraction(hot);
    QVERIFY(calm.train());
    hot.train();  // may stop as diverged: the dead units are what we count
    const double calm_dead = dead_fraction(calm), hot_dead = dead_fraction(hot);
    const double calm_acc = calm.test_metrics().accuracy, hot_acc = hot.test_metrics().accuracy;
    qInfo("dead units: at the start %.2f; lr 0.05: %.2f (test accuracy %.3f); lr 2: %.2f (%.3f)",
          dead_at_start, calm_dead, calm_acc, hot_dead, hot_acc);
    QVERIFY(dead_at_start <= 0.1);  // the start is the same and healthy: training killed them
    QVERIFY2(hot_dead >= 0.4, qPrintable(QString::number(hot_dead)));
    QVERIFY2(calm_dead <= 0.1, qPrintable(QString::number(calm_dead)));
    QVERIFY(hot_acc < 0.7);
    QVERIFY(calm_acc >= 0.95);
  }

  void leaky_relu_units_cannot_die() {
    LessonRun leaky(bundled_lesson("dying-relu").project("leaky"));
    leaky.train();
    const double dead = dead_fraction(leaky);
    qInfo("LeakyReLU at lr 2: dead units %.2f, test accuracy %.3f", dead,
          leaky.test_metrics().accuracy);
    QCOMPARE(dead, 0.0);
  }
};

QTEST_APPLESS_MAIN(TestLessonDyingRelu)
#include "test_lesson_dying_relu.moc"
