// Lessons "Vanishing gradients" and "Initialization" (resources/lessons/vanishing-gradients.json,
// initialization.json): gradient norms per layer on the first step, and activation spreads.
#include <QtTest>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

// |grad fc1.weight| / |grad out.weight| on the first training step.
double first_step_ratio(const Project& p) {
  LessonRun run(p);
  run.trainer.step();
  return run.grad_norm("fc1.weight") / run.grad_norm("out.weight");
}

// Standard deviation of a node's activation over a forward pass of the training split.
double activation_spread(LessonRun& run, const std::string& node_name) {
  const Dataset& train = run.data.train;
  Tensor x = run.backend.memory().empty(Shape{train.size(), train.sample_shape.numel()});
  run.backend.memory().upload(train.features.data(), x);
  run.model.forward(x, Mode::Eval);
  for (const auto& n : run.model.spec().nodes) {
    if (n.name != node_name) continue;
    const Tensor& a = run.model.activation(n.id);
    std::vector<float> host(static_cast<size_t>(a.numel()));
    run.backend.memory().download(a, host.data());
    std::vector<double> v(host.begin(), host.end());
    return stddev(v);
  }
  throw Error("no node " + node_name);
}

}  // namespace

class TestLessonGradients : public QObject {
  Q_OBJECT
 private slots:
  void sigmoid_gradients_vanish_relu_he_keeps_them() {
    const Lesson lesson = bundled_lesson("vanishing-gradients");
    const double sigmoid = first_step_ratio(lesson.project("sigmoid"));
    const double relu = first_step_ratio(lesson.project("relu-he"));
    qInfo("first/last gradient norm: sigmoid %.3g, relu+he %.3g", sigmoid, relu);
    QVERIFY2(sigmoid < 1e-3, qPrintable(QString::number(sigmoid)));
    QVERIFY2(relu > 0.1, qPrintable(QString::number(relu)));
  }

  void zero_init_keeps_hidden_units_identical() {
    LessonRun run(bundled_lesson("initialization").project("zeros"));
    run.train();
    const auto host = run.model.params().to_host(run.backend);
    const std::vector<float>& w = host.at("fc1.weight");  // (8, 2)
    double spread = 0.0, size = 0.0;
    for (size_t r = 1; r < 8; ++r)
      for (size_t c = 0; c < 2; ++c)
        spread = std::max(spread, double(std::fabs(w[r * 2 + c] - w[c])));
    for (float v : w) size = std::max(size, double(std::fabs(v)));
    qInfo("zeros: max |w_r - w_0| = %.3g, max |w| = %.3g", spread, size);
    QCOMPARE(spread, 0.0);  // symmetry is never broken...
    QVERIFY(size > 1e-3);   // ...although the weights did learn
  }

  void tiny_init_collapses_xavier_keeps_the_spread() {
    const Lesson lesson = bundled_lesson("initialization");
    LessonRun tiny(lesson.project("tiny")), xavier(lesson.project("xavier"));
    const double tiny_ratio = activation_spread(tiny, "fc8") / activation_spread(tiny, "fc1");
    const double xavier_ratio = activation_spread(xavier, "fc8") / activation_spread(xavier, "fc1");
    qInfo("spread fc8/fc1: N(0,0.01) %.3g, Xavier %.3g", tiny_ratio, xavier_ratio);
    QVERIFY2(tiny_ratio < 1e-6, qPrintable(QString::number(tiny_ratio)));
    QVERIFY2(xavier_ratio > 0.1, qPrintable(QString::number(xavier_ratio)));
  }
};

QTEST_APPLESS_MAIN(TestLessonGradients)
#include "test_lesson_gradients.moc"
