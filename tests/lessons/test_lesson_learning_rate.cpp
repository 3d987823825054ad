// Lesson "Learning rate by orders of magnitude, and batch size"
// (resources/lessons/learning-rate.json): too small crawls, right converges, too large ends worse
// than it started; a 10x batch needs a 10x learning rate for the same epochs.
#include <QtTest>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

struct Losses {
  double initial = 0.0, final = 0.0;
  bool finite = true;
};

Losses train_losses(const Lesson& lesson, const char* id) {
  LessonRun run(lesson.project(id));
  Losses l;
  l.initial = run.train_metrics().loss;
  l.finite = run.train();
  l.final = run.train_metrics().loss;
  qInfo("%-13s training loss %.4f -> %.4f%s", id, l.initial, l.final,
        l.finite ? "" : " (diverged)");
  return l;
}

}  // namespace

class TestLessonLearningRate : public QObject {
  Q_OBJECT
 private slots:
  void orders_of_magnitude() {
    const Lesson lesson = bundled_lesson("learning-rate");
    const Losses tiny = train_losses(lesson, "lr-tiny");
    const Losses right = train_losses(lesson, "lr-right");
    const Losses huge = train_losses(lesson, "lr-huge");
    QCOMPARE(tiny.initial, right.initial);  // the same start
    QVERIFY2(tiny.final > 0.85 * tiny.initial, "lr 1e-4 should crawl");
    QVERIFY2(right.final < 0.1, "lr 0.1 should converge");
    QVERIFY2(!huge.finite || !std::isfinite(huge.final) || huge.final > huge.initial,
             "lr 10 should end worse than it started");
  }

  void a_larger_batch_wants_a_larger_learning_rate() {
    const Lesson lesson = bundled_lesson("learning-rate");
    const Losses small = train_losses(lesson, "lr-right");
    const Losses big = train_losses(lesson, "batch100");
    const Losses scaled = train_losses(lesson, "batch100-lr1");
    QVERIFY2(big.final > 3.0 * small.final, "batch 100 at lr 0.1 should lag");
    QVERIFY2(scaled.final < 2.0 * small.final, "lr x10 should make up for batch x10");
  }
};

QTEST_APPLESS_MAIN(TestLessonLearningRate)
#include "test_lesson_learning_rate.moc"
