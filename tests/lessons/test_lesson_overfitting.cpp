// Lesson "Overfitting and regularization" (resources/lessons/overfitting.json): a big network on
// 30 points opens a gap between training and validation loss; L2 and early stopping close it.
#include <QtTest>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

struct Fit {
  double gap = 0.0;  // validation loss - training loss (eval mode)
  double val_accuracy = 0.0;
};

Fit fit(const Lesson& lesson, const char* id) {
  LessonRun run(lesson.project(id));
  run.train();
  const Metrics train = run.train_metrics(), val = run.trainer.evaluate(run.data.validation);
  qInfo("%-8s training loss %.4f, validation loss %.4f (gap %.4f), accuracy %.3f / %.3f%s", id,
        train.loss, val.loss, val.loss - train.loss, train.accuracy, val.accuracy,
        run.trainer.stopped_early() ? ", stopped early" : "");
  return {val.loss - train.loss, val.accuracy};
}

}  // namespace

class TestLessonOverfitting : public QObject {
  Q_OBJECT
 private slots:
  void regularization_closes_the_gap() {
    const Lesson lesson = bundled_lesson("overfitting");
    QCOMPARE(LessonRun(lesson.project("plain")).data.train.size(), int64_t{30});
    const Fit plain = fit(lesson, "plain");
    const Fit l2 = fit(lesson, "l2");
    const Fit early = fit(lesson, "early");
    const Fit dropout = fit(lesson, "dropout");
    QVERIFY2(plain.gap > 1.0, "the big net should overfit 30 points");
    QVERIFY2(l2.gap < plain.gap / 4.0, "L2 should shrink the gap 4-fold");
    QVERIFY2(early.gap < plain.gap / 4.0, "early stopping should shrink the gap 4-fold");
    QVERIFY2(dropout.val_accuracy > plain.val_accuracy, "dropout should help on validation");
  }
};

QTEST_APPLESS_MAIN(TestLessonOverfitting)
#include "test_lesson_overfitting.moc"
