// Lesson "Autoencoder" (resources/lessons/autoencoder.json): 256 -> 64 -> 2 -> 64 -> 256 on 16x16
// digits, trained to reconstruct its input (TrainConfig::target = Reconstruct). The claim: the
// test reconstruction loss falls below half of the untrained network's, and the 2-D codes
// separate the classes (5-nearest-neighbour accuracy, test codes against training codes, >= 40 %
// where chance is 10 %, and at least twice the untrained network's), although no label was used
// in training.
#include <QtTest>

#include <algorithm>
#include <array>

#include "lesson_test_util.h"

using namespace bp;
using namespace bp::test;

namespace {

// The 2-D codes (N, 2) of every sample of `ds` at node "code".
std::vector<float> codes(LessonRun& run, const Dataset& ds) {
  int code = -1;
  for (const NodeSpec& n : run.model.spec().nodes)
    if (n.name == "code") code = n.id;
  if (code < 0) throw Error("no node 'code'");
  Tensor x = run.backend.memory().empty(ds.sample_shape.with_batch(ds.size()));
  run.backend.memory().upload(ds.features.data(), x);
  run.model.forward(x, Mode::Eval);
  const Tensor& c = run.model.activation(code);  // (N, 2)
  std::vector<float> out(static_cast<size_t>(c.numel()));
  run.backend.memory().download(c, out.data());
  return out;
}

double knn_accuracy(const std::vector<float>& train, const Dataset& train_ds,
                    const std::vector<float>& test, const Dataset& test_ds, int k) {
  int correct = 0;
  const int64_t n = train_ds.size();
  std::vector<std::pair<float, int>> d(static_cast<size_t>(n));
  for (int64_t i = 0; i < test_ds.size(); ++i) {
    for (int64_t j = 0; j < n; ++j) {
      const float dx = test[size_t(2 * i)] - train[size_t(2 * j)];
      const float dy = test[size_t(2 * i + 1)] - train[size_t(2 * j + 1)];
      d[size_t(j)] = {dx * dx + dy * dy, static_cast<int>(*train_ds.target(j))};
    }
    std::partial_sort(d.begin(), d.begin() + k, d.end());
    std::array<int, 10> votes{};
    for (int v = 0; v < k; ++v) ++votes[size_t(d[size_t(v)].second)];
    const int guess =
        static_cast<int>(std::max_element(votes.begin(), votes.end()) - votes.begin());
    correct += guess == static_cast<int>(*test_ds.target(i));
  }
  return static_cast<double>(correct) / static_cast<double>(test_ds.size());
}

}  // namespace

class TestLessonAutoencoder : public QObject {
  Q_OBJECT
 private slots:
  void reconstructs_and_the_codes_separate_classes() {
    const Lesson lesson = bundled_lesson("autoencoder");
    LessonRun run(lesson.project("ae"), 1);
    QCOMPARE(run.config.target, TargetMode::Reconstruct);
    const double before = run.test_metrics().loss;
    const double knn_before = knn_accuracy(codes(run, run.data.train), run.data.train,
                                           codes(run, run.data.test), run.data.test, 5);
    QVERIFY(run.train());
    const double after = run.test_metrics().loss;
    const double knn = knn_accuracy(codes(run, run.data.train), run.data.train,
                                    codes(run, run.data.test), run.data.test, 5);
    qInfo(
        "test reconstruction MSE %.4f -> %.4f (x %.2f); latent 5-NN accuracy %.1f %% "
        "(untrained %.1f %%)",
        before, after, before / after, 100 * knn, 100 * knn_before);
    QVERIFY2(after < 0.5 * before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
    QVERIFY2(knn >= 0.40 && knn >= 2 * knn_before,
             qPrintable(QString("%1 (untrained %2)").arg(knn).arg(knn_before)));
  }
};

QTEST_APPLESS_MAIN(TestLessonAutoencoder)
#include "test_lesson_autoencoder.moc"
