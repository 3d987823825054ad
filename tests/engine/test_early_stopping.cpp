// EarlyStopping: patience, min_delta, and restoring the best epoch's weights and buffers.
#include <QtTest>

#include "engine/train/early_stopping.h"
#include "optim_test_util.h"

using namespace bp;
using namespace bp::test;

class TestEarlyStopping : public QObject {
  Q_OBJECT
 private slots:
  void stops_after_patience_and_restores_best_weights() {
    CpuBackend backend;
    ParameterStore s = make_store(
        backend, {{"fc.weight", Shape{2, 2}},
                  {"bn.running_mean", Shape{2}, NodeKind::BatchNorm1d, /*trainable=*/false},
                  {"fc.bias", Shape{2}}});
    EarlyStoppingConfig cfg;
    cfg.enabled = true;
    cfg.patience = 3;
    EarlyStopping es(cfg);
    const std::vector<double> losses{1.0, 0.8, 0.85, 0.9, 0.95, 0.7};
    std::vector<bool> stops;
    for (int epoch = 1; epoch <= 5; ++epoch) {
      // the weights and buffers of this epoch are all equal to the epoch number
      backend.memory().fill(s.values(), static_cast<float>(epoch));
      backend.memory().fill(s.buffers(), static_cast<float>(10 * epoch));
      stops.push_back(es.observe(epoch, losses[static_cast<size_t>(epoch - 1)], backend, s));
    }
    QCOMPARE(stops, (std::vector<bool>{false, false, false, false, true}));
    QCOMPARE(es.best_epoch(), 2);
    QCOMPARE(es.best_loss(), 0.8);
    es.restore_best(backend, s);
    for (int64_t i = 0; i < s.trainable_count(); ++i) QCOMPARE(s.values().data()[i], 2.0f);
    for (int64_t i = 0; i < s.buffer_count(); ++i) QCOMPARE(s.buffers().data()[i], 20.0f);
  }

  void min_delta_and_non_finite_losses_are_not_improvements() {
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{1, 2}}});
    EarlyStoppingConfig cfg;
    cfg.enabled = true;
    cfg.patience = 2;
    cfg.min_delta = 0.1f;
    EarlyStopping es(cfg);
    s.values().data()[0] = 1.0f;
    QVERIFY(!es.observe(1, 1.0, backend, s));
    s.values().data()[0] = 2.0f;
    QVERIFY(!es.observe(2, 0.95, backend, s));  // better, but by less than min_delta
    s.values().data()[0] = 3.0f;
    QVERIFY(es.observe(3, std::nan(""), backend, s));
    QCOMPARE(es.best_epoch(), 1);
    es.restore_best(backend, s);
    QCOMPARE(s.values().data()[0], 1.0f);
  }

  void restore_before_any_observation_is_a_no_op_and_bad_config_throws() {
    CpuBackend backend;
    ParameterStore s = make_store(backend, {{"fc.weight", Shape{1, 2}}});
    s.values().data()[0] = 5.0f;
    EarlyStopping es(EarlyStoppingConfig{});
    es.restore_best(backend, s);
    QCOMPARE(s.values().data()[0], 5.0f);
    EarlyStoppingConfig bad;
    bad.patience = -1;
    QVERIFY_THROWS_EXCEPTION(Error, EarlyStopping{bad});
  }
};

QTEST_APPLESS_MAIN(TestEarlyStopping)
#include "test_early_stopping.moc"
