// Lesson "CNN features" (resources/lessons/cnn-features.json): LeNet-5 trained briefly on digits.
// The claim: the digits' classes separate more at every stage of the network. The measure is
// Fisher's criterion with traces, tr(S_B) / tr(S_W): how far apart the class means of a layer's
// outputs (all of them, flattened) lie, against how much the digits of one class scatter around
// their mean. It grows from the pixels to conv1, conv2, fc1 and fc2, by at least 30 % from conv1
// to conv2 and from conv2 to fc1, and training is what does it (fc1's ratio more than doubles
// from the untrained network's).
#include <QtTest>

#include <algorithm>
#include <vector>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

int node_id(const Model& model, const std::string& name) {
  for (const NodeSpec& n : model.spec().nodes)
    if (n.name == name) return n.id;
  throw Error("no node '" + name + "'");
}

// Class separability of a representation (N, ...): the between-class scatter over the
// within-class scatter, tr(S_B) / tr(S_W) (Fisher's criterion with traces).
double fisher_ratio(const std::vector<float>& a, int64_t n, const std::vector<int>& labels,
                    int classes) {
  const int64_t d = static_cast<int64_t>(a.size()) / n;
  std::vector<double> mu(static_cast<size_t>(d), 0.0), cm(static_cast<size_t>(classes * d), 0.0);
  std::vector<int> count(static_cast<size_t>(classes), 0);
  for (int64_t i = 0; i < n; ++i) {
    const int c = labels[size_t(i)];
    ++count[size_t(c)];
    for (int64_t j = 0; j < d; ++j) {
      mu[size_t(j)] += a[size_t(i * d + j)];
      cm[size_t(c * d + j)] += a[size_t(i * d + j)];
    }
  }
  for (auto& v : mu) v /= static_cast<double>(n);
  for (int c = 0; c < classes; ++c)
    for (int64_t j = 0; j < d; ++j) cm[size_t(c * d + j)] /= std::max(count[size_t(c)], 1);
  double sb = 0.0, sw = 0.0;
  for (int c = 0; c < classes; ++c)
    for (int64_t j = 0; j < d; ++j) {
      const double t = cm[size_t(c * d + j)] - mu[size_t(j)];
      sb += count[size_t(c)] * t * t;
    }
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < d; ++j) {
      const double t = a[size_t(i * d + j)] - cm[size_t(labels[size_t(i)] * d + j)];
      sw += t * t;
    }
  return sb / std::max(sw, 1e-12);
}

}  // namespace

class TestLessonCnnFeatures : public QObject {
  Q_OBJECT
 private slots:
  void classes_separate_more_with_depth() {
    const Lesson lesson = bundled_lesson("cnn-features");
    LessonRun run(lesson.project("lenet"), 1);
    const Dataset& test = run.data.test;
    std::vector<int> labels;
    for (int64_t i = 0; i < test.size(); ++i) labels.push_back(static_cast<int>(*test.target(i)));
    Tensor x = run.backend.memory().empty(test.sample_shape.with_batch(test.size()));
    run.backend.memory().upload(test.features.data(), x);
    const char* nodes[] = {"act1", "act2", "fc1", "fc2"};  // conv1, conv2 (after ReLU), fc1, fc2
    auto ratios = [&] {
      run.model.forward(x, Mode::Eval);
      std::vector<double> r{fisher_ratio(test.features, test.size(), labels, test.num_classes)};
      for (const char* node : nodes) {
        const Tensor& t = run.model.activation(node_id(run.model, node));
        std::vector<float> h(static_cast<size_t>(t.numel()));
        run.backend.memory().download(t, h.data());
        r.push_back(fisher_ratio(h, test.size(), labels, test.num_classes));
      }
      return r;
    };
    const std::vector<double> untrained = ratios();
    QVERIFY(run.train());
    const std::vector<double> r = ratios();
    qInfo(
        "test accuracy %.1f %%; tr(S_B)/tr(S_W): pixels %.3f, conv1 %.3f, conv2 %.3f, fc1 %.3f, "
        "fc2 %.3f (untrained: conv1 %.3f, conv2 %.3f, fc1 %.3f, fc2 %.3f)",
        100 * run.test_metrics().accuracy, r[0], r[1], r[2], r[3], r[4], untrained[1], untrained[2],
        untrained[3], untrained[4]);
    for (size_t i = 1; i < r.size(); ++i)
      QVERIFY2(r[i] > r[i - 1],
               qPrintable(QString("stage %1: %2 after %3").arg(i).arg(r[i]).arg(r[i - 1])));
    QVERIFY2(r[2] > 1.3 * r[1], qPrintable(QString("conv1 %1, conv2 %2").arg(r[1]).arg(r[2])));
    QVERIFY2(r[3] > 1.3 * r[2], qPrintable(QString("conv2 %1, fc1 %2").arg(r[2]).arg(r[3])));
    QVERIFY2(r[3] > 2.0 * untrained[3],
             qPrintable(QString("fc1 %1, untrained %2").arg(r[3]).arg(untrained[3])));
  }
};

QTEST_APPLESS_MAIN(TestLessonCnnFeatures)
#include "test_lesson_cnn_features.moc"
