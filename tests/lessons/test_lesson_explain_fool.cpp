// Lesson "Explaining and fooling a digit classifier" (resources/lessons/explain-fool.json): a
// LeNet trained briefly on digits; FGSM (engine/train/fgsm.h) with a small epsilon flips at least
// a third of the correctly classified test digits while no pixel moves by more than epsilon, and
// random +-epsilon noise of the same size flips at most a tenth as many. Also checks
// fgsm_attack's contract on one digit (every pixel moves by exactly epsilon, bad labels throw).
#include <QtTest>

#include "engine/core/rng.h"
#include "engine/train/fgsm.h"
#include "engine/train/prediction.h"
#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

constexpr float kEps = 0.3f;  // normalised units: 0.3 * std (about 0.31) = 0.09 of the 0-1 range

struct Batch {
  Tensor x;  // (N, 1, 28, 28)
  std::vector<float> host;
  std::vector<int> labels;
};

// The test digits the trained model classifies correctly.
Batch correctly_classified(LessonRun& run) {
  const Dataset& test = run.data.test;
  const int64_t d = test.sample_shape.numel();
  Batch all;
  all.host = test.features;
  for (int64_t i = 0; i < test.size(); ++i) all.labels.push_back(static_cast<int>(*test.target(i)));
  Shape shape = test.sample_shape;
  Tensor x = run.backend.memory().empty(shape.with_batch(test.size()));
  run.backend.memory().upload(all.host.data(), x);
  const Tensor& out = run.model.forward(x, Mode::Eval);
  std::vector<float> o(static_cast<size_t>(out.numel()));
  run.backend.memory().download(out, o.data());
  Batch ok;
  for (int64_t i = 0; i < test.size(); ++i)
    if (predicted_class(run.config.loss, o.data() + i * 10, 10) == all.labels[size_t(i)]) {
      ok.host.insert(ok.host.end(), test.sample(i), test.sample(i) + d);
      ok.labels.push_back(all.labels[size_t(i)]);
    }
  ok.x = run.backend.memory().empty(shape.with_batch(static_cast<int64_t>(ok.labels.size())));
  run.backend.memory().upload(ok.host.data(), ok.x);
  return ok;
}

}  // namespace

class TestLessonExplainFool : public QObject {
  Q_OBJECT
 private slots:
  void fgsm_moves_every_pixel_by_eps_against_the_gradient() {
    // One digit through the untrained LeNet: every pixel with a non-zero gradient moves by
    // exactly eps, none by more, and the loss of the true class rises.
    const Lesson lesson = bundled_lesson("explain-fool");
    LessonRun run(lesson.project("lenet"), 1);
    const Batch b = [&] {
      Batch one;
      one.host.assign(run.data.test.sample(0), run.data.test.sample(0) + 28 * 28);
      one.labels = {static_cast<int>(*run.data.test.target(0))};
      one.x = run.backend.memory().empty(run.data.test.sample_shape.with_batch(1));
      run.backend.memory().upload(one.host.data(), one.x);
      return one;
    }();
    const FgsmResult r = fgsm_attack(run.model, b.x, b.labels, LossKind::CrossEntropyLoss, 0.1f);
    QCOMPARE(r.adversarial.size(), b.host.size());
    int moved = 0;
    for (size_t p = 0; p < b.host.size(); ++p) {
      const float d = std::fabs(r.adversarial[p] - b.host[p]);
      QVERIFY2(d <= 0.1f + 1e-6f, qPrintable(QString("pixel %1 moved by %2").arg(p).arg(d)));
      moved += d > 0.05f;
    }
    QVERIFY2(moved > 700, qPrintable(QString::number(moved)));  // almost all pixels move
    QVERIFY(r.max_change <= 0.1f + 1e-6f);
    QVERIFY_THROWS_EXCEPTION(Error,
                             fgsm_attack(run.model, b.x, {10}, LossKind::CrossEntropyLoss, 0.1f));
    QVERIFY_THROWS_EXCEPTION(Error,
                             fgsm_attack(run.model, b.x, {1, 2}, LossKind::CrossEntropyLoss, 0.1f));
  }

  void small_eps_flips_most_digits_random_noise_few() {
    const Lesson lesson = bundled_lesson("explain-fool");
    LessonRun run(lesson.project("lenet"), 1);
    QVERIFY(run.train());
    const double acc = run.test_metrics().accuracy;
    Batch ok = correctly_classified(run);
    const int n = static_cast<int>(ok.labels.size());
    QVERIFY2(acc > 0.85, qPrintable(QString::number(acc)));

    const FgsmResult r = fgsm_attack(run.model, ok.x, ok.labels, run.config.loss, kEps);
    QVERIFY(r.max_change <= kEps + 1e-5f);
    for (int i = 0; i < n; ++i) QCOMPARE(r.before[size_t(i)], ok.labels[size_t(i)]);

    // The same size of change in random directions.
    std::vector<float> noisy = ok.host;
    Rng rng(11);
    for (float& v : noisy) v += rng.below(2) ? kEps : -kEps;
    Tensor xn = run.backend.memory().empty(ok.x.shape());
    run.backend.memory().upload(noisy.data(), xn);
    const Tensor& out = run.model.forward(xn, Mode::Eval);
    std::vector<float> o(static_cast<size_t>(out.numel()));
    run.backend.memory().download(out, o.data());
    int random_flips = 0;
    for (int i = 0; i < n; ++i)
      random_flips +=
          predicted_class(run.config.loss, o.data() + i * 10, 10) != ok.labels[size_t(i)];

    qInfo(
        "test accuracy %.1f %%; FGSM eps %.2f flips %d of %d correct digits (%.1f %%); random "
        "+-eps noise flips %d",
        100 * acc, double(kEps), r.flipped(), n, 100.0 * r.flipped() / n, random_flips);
    QVERIFY2(3 * r.flipped() >= n, qPrintable(QString("%1 of %2").arg(r.flipped()).arg(n)));
    QVERIFY2(10 * random_flips <= r.flipped(),
             qPrintable(QString("random %1, FGSM %2").arg(random_flips).arg(r.flipped())));
  }
};

QTEST_APPLESS_MAIN(TestLessonExplainFool)
#include "test_lesson_explain_fool.moc"
