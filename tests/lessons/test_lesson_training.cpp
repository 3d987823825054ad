// Lessons on training runs: "Universal approximation", "Same call, different seeds",
// "Gradient clipping and max-norm", "Batch normalization" (resources/lessons/*.json).
#include <QtTest>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

class TestLessonTraining : public QObject {
  Q_OBJECT
 private slots:
  void sine_error_falls_as_width_grows() {
    const Lesson lesson = bundled_lesson("universal-approximation");
    std::vector<double> mse;
    for (int w : {1, 2, 4, 16}) {
      LessonRun run(lesson.project("width" + std::to_string(w)));
      QVERIFY(run.train());
      mse.push_back(run.test_metrics().loss);
      qInfo("width %2d: test MSE %.4f", w, mse.back());
    }
    for (size_t i = 1; i < mse.size(); ++i) QVERIFY2(mse[i] < mse[i - 1], "not falling");
    QVERIFY(mse.back() < 0.02);
  }

  void five_seeds_five_minima() {
    const Lesson lesson = bundled_lesson("seeds");
    std::vector<double> losses;
    std::vector<std::vector<float>> outputs;
    for (int s = 1; s <= 5; ++s) {
      LessonRun run(lesson.project("seed" + std::to_string(s)));
      QVERIFY(run.train());
      losses.push_back(run.train_metrics().loss);
      const Dataset& test = run.data.test;
      Tensor x = run.backend.memory().empty(Shape{test.size(), 2});
      run.backend.memory().upload(test.features.data(), x);
      const Tensor& y = run.model.forward(x, Mode::Eval);  // (N, 2) logits
      std::vector<float> host(static_cast<size_t>(y.numel()));
      run.backend.memory().download(y, host.data());
      std::vector<float> pred;
      for (size_t i = 0; i < host.size(); i += 2) pred.push_back(host[i + 1] > host[i]);
      outputs.push_back(pred);
      qInfo("seed %d: train loss %.4f", s, losses.back());
    }
    for (size_t a = 0; a < losses.size(); ++a)
      for (size_t b = a + 1; b < losses.size(); ++b)
        QVERIFY2(std::fabs(losses[a] - losses[b]) > 1e-4, "two seeds ended at the same loss");
    int disagreements = 0;
    for (size_t b = 1; b < outputs.size(); ++b)
      for (size_t i = 0; i < outputs[0].size(); ++i)
        disagreements += outputs[b][i] != outputs[0][i];
    qInfo("test points where seeds 2-5 disagree with seed 1: %d", disagreements);
    QVERIFY(disagreements > 0);
  }

  void clipping_and_max_norm_tame_an_exploding_run() {
    const Lesson lesson = bundled_lesson("clipping");
    LessonRun plain(lesson.project("plain"));
    const bool plain_ok = plain.train();
    qInfo("plain: ok %d, loss %.3g (%s)", plain_ok, plain.train_metrics().loss,
          plain.trainer.divergence_message().c_str());
    QVERIFY(!plain_ok || !std::isfinite(plain.train_metrics().loss));
    for (const char* id : {"clipped", "max-norm"}) {
      LessonRun run(lesson.project(id));
      const bool ok = run.train();
      const double first = run.trainer.history().front().train.loss;
      qInfo("%s: ok %d, first epoch %.4f, final %.4f", id, ok, first, run.train_metrics().loss);
      QVERIFY(ok);
      QVERIFY(run.train_metrics().loss < first);
    }
  }

  void batch_norm_trains_at_a_learning_rate_that_fails_without() {
    const Lesson lesson = bundled_lesson("batch-norm");
    LessonRun plain(lesson.project("plain")), bn(lesson.project("bn"));
    plain.train();
    QVERIFY(bn.train());
    const double a = plain.test_metrics().accuracy, b = bn.test_metrics().accuracy;
    qInfo("lr 5: plain %.3f, BatchNorm %.3f", a, b);
    QVERIFY2(a < 0.7, qPrintable(QString::number(a)));
    QVERIFY2(b > 0.9, qPrintable(QString::number(b)));
  }
};

QTEST_APPLESS_MAIN(TestLessonTraining)
#include "test_lesson_training.moc"
