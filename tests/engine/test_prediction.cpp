// The one definition of a predicted class (engine/train/prediction.h) and the backend's
// count_correct, which must count by the same rule.
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/rng.h"
#include "engine/train/prediction.h"

using namespace bp;

class TestPrediction : public QObject {
  Q_OBJECT

 private slots:
  void one_output_threshold_depends_on_the_loss() {
    const float low = 0.3f, high = 0.7f, negative = -0.1f;
    // MSE/L1/Huber regress onto {0, 1}: class 1 above 0.5
    QCOMPARE(predicted_class(LossKind::MSELoss, &low, 1), 0);
    QCOMPARE(predicted_class(LossKind::MSELoss, &high, 1), 1);
    QCOMPARE(predicted_class(LossKind::L1Loss, &low, 1), 0);
    // BCEWithLogitsLoss outputs a logit: class 1 above 0
    QCOMPARE(predicted_class(LossKind::BCEWithLogitsLoss, &low, 1), 1);
    QCOMPARE(predicted_class(LossKind::BCEWithLogitsLoss, &negative, 1), 0);
    QCOMPARE(positive_score(LossKind::BCEWithLogitsLoss, 0.0f), 0.5f);
    QCOMPARE(positive_score(LossKind::MSELoss, 0.25f), 0.25f);
  }

  void several_outputs_take_the_first_largest() {
    const float out[4] = {0.1f, 0.9f, 0.9f, -1.0f};
    for (LossKind loss :
         {LossKind::CrossEntropyLoss, LossKind::MSELoss, LossKind::BCEWithLogitsLoss})
      QCOMPARE(predicted_class(loss, out, 4), 1);
  }

  void true_class_of_each_encoding() {
    const float label = 2.0f, scalar = 1.0f, one_hot[3] = {0.0f, 0.0f, 1.0f};
    QCOMPARE(true_class({TargetEncoding::ClassIndex, 1}, &label), 2);
    QCOMPARE(true_class({TargetEncoding::Scalar, 1}, &scalar), 1);
    QCOMPARE(true_class({TargetEncoding::OneHot, 3}, one_hot), 2);
    QCOMPARE(true_class({TargetEncoding::Regression, 1}, &label), -1);
  }

  // The backend counts without a download; it must agree with the definition for class indices
  // (N, C) and single {0, 1} labels (N, 1), for both thresholds.
  void backend_count_agrees_with_the_definition() {
    CpuBackend backend;
    Rng rng(5);
    for (LossKind loss :
         {LossKind::MSELoss, LossKind::BCEWithLogitsLoss, LossKind::CrossEntropyLoss}) {
      for (int64_t c : {int64_t{1}, int64_t{4}}) {
        const int64_t n = 200;
        Tensor pred = Tensor::cpu({n, c}), target = Tensor::cpu({n});
        for (int64_t i = 0; i < n * c; ++i) pred.data()[i] = rng.uniform(-0.5f, 1.5f);
        for (int64_t i = 0; i < n; ++i)
          target.data()[i] = static_cast<float>(rng.below(static_cast<uint64_t>(c == 1 ? 2 : c)));
        const TargetLayout layout{c == 1 ? TargetEncoding::Scalar : TargetEncoding::ClassIndex, 1};
        const int64_t expected = count_correct(loss, layout, pred.data(), n, c, target.data());
        QCOMPARE(backend.dense().count_correct(pred, target, decision_threshold(loss)), expected);
        QVERIFY(expected > 0 && expected < n);
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestPrediction)
#include "test_prediction.moc"
