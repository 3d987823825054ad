// Lesson "CNN features" (resources/lessons/cnn-features.json): LeNet-5 trained briefly on digits.
// The claim: class selectivity grows with depth. For each unit (a channel of a convolution, a unit
// of a dense layer) take its mean ReLU output over the test digits of each class (averaged over
// positions for a channel); its selectivity is (top class - mean of the others) / (top class +
// mean of the others), 0 when every class drives it equally, 1 when only one does. The mean
// selectivity of conv1's channels < conv2's < fc1's units, each by a margin.
#include <QtTest>

#include <algorithm>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

int node_id(const Model& model, const std::string& name) {
  for (const NodeSpec& n : model.spec().nodes)
    if (n.name == name) return n.id;
  throw Error("no node '" + name + "'");
}

// Mean selectivity over the units of a node's output (N, K, H, W) or (N, K), given the class of
// each of the N samples.
double mean_selectivity(Backend& be, const Tensor& act, const std::vector<int>& labels,
                        int classes) {
  const int64_t n = act.dim(0), k = act.dim(1);
  const int64_t plane = act.numel() / (n * k);
  std::vector<float> a(static_cast<size_t>(act.numel()));
  be.memory().download(act, a.data());
  std::vector<double> sum(static_cast<size_t>(k * classes), 0.0);
  std::vector<int> count(static_cast<size_t>(classes), 0);
  for (int64_t i = 0; i < n; ++i) {
    const int c = labels[static_cast<size_t>(i)];
    ++count[static_cast<size_t>(c)];
    for (int64_t u = 0; u < k; ++u) {
      double s = 0.0;
      for (int64_t p = 0; p < plane; ++p) s += a[static_cast<size_t>((i * k + u) * plane + p)];
      sum[static_cast<size_t>(u * classes + c)] += s / static_cast<double>(plane);
    }
  }
  double total = 0.0;
  int units = 0;
  for (int64_t u = 0; u < k; ++u) {
    std::vector<double> mu(static_cast<size_t>(classes));
    for (int c = 0; c < classes; ++c)
      mu[size_t(c)] = sum[static_cast<size_t>(u * classes + c)] / std::max(count[size_t(c)], 1);
    const auto top = std::max_element(mu.begin(), mu.end());
    double rest = 0.0;
    for (auto it = mu.begin(); it != mu.end(); ++it)
      if (it != top) rest += *it;
    rest /= classes - 1;
    if (*top + rest <= 1e-12) continue;  // a dead unit says nothing about selectivity
    total += (*top - rest) / (*top + rest);
    ++units;
  }
  return units ? total / units : 0.0;
}

}  // namespace

class TestLessonCnnFeatures : public QObject {
  Q_OBJECT
 private slots:
  void class_selectivity_grows_with_depth() {
    const Lesson lesson = bundled_lesson("cnn-features");
    LessonRun run(lesson.project("lenet"), 1);
    QVERIFY(run.train());
    const Dataset& test = run.data.test;
    std::vector<int> labels;
    for (int64_t i = 0; i < test.size(); ++i) labels.push_back(static_cast<int>(*test.target(i)));
    Tensor x = run.backend.memory().empty(test.sample_shape.with_batch(test.size()));
    run.backend.memory().upload(test.features.data(), x);
    run.model.forward(x, Mode::Eval);
    const double s1 = mean_selectivity(
        run.backend, run.model.activation(node_id(run.model, "act1")), labels, test.num_classes);
    const double s2 = mean_selectivity(
        run.backend, run.model.activation(node_id(run.model, "act2")), labels, test.num_classes);
    const double s3 = mean_selectivity(run.backend, run.model.activation(node_id(run.model, "fc1")),
                                       labels, test.num_classes);
    qInfo("test accuracy %.1f %%; mean class selectivity conv1 %.3f, conv2 %.3f, fc1 %.3f",
          100 * run.test_metrics().accuracy, s1, s2, s3);
    QVERIFY2(s2 > s1 * 1.3, qPrintable(QString("conv1 %1, conv2 %2").arg(s1).arg(s2)));
    QVERIFY2(s3 > s2 * 1.3, qPrintable(QString("conv2 %1, fc1 %2").arg(s2).arg(s3)));
  }
};

QTEST_APPLESS_MAIN(TestLessonCnnFeatures)
#include "test_lesson_cnn_features.moc"
