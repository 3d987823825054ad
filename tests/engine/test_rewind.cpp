// RewindBuffer (engine/train/rewind_buffer.h): rewinding to a recorded step and continuing
// equals training from the restored weights and state (bitwise) and equals the original run
// where the settings are the same; continuing opens a branch and keeps the old entries.
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/train/rewind_buffer.h"
#include "engine/train/trainer.h"
#include "tests/common/inside_nets.h"

using namespace bp;

namespace {

TrainConfig adam() {
  TrainConfig c;
  c.loss = LossKind::CrossEntropyLoss;
  c.optimizer = default_optimizer_config(OptimizerKind::Adam);
  c.optimizer.lr = 0.01f;
  c.batch_size = 8;  // 10 steps per epoch: rewinding crosses epoch ends
  c.seed = 2;
  return c;
}

}  // namespace

class TestRewind : public QObject {
  Q_OBJECT
 private slots:
  void rewind_and_continue_is_bitwise() {
    CpuBackend backend;
    DatasetSplits data{test::rings(80, 1), test::rings(40, 2), {}};
    const NetworkSpec spec = test::mlp(2, 2, 8, Activation::ReLU, 2);
    Model model(spec, backend, 6);
    Trainer trainer(model, data, adam());
    RewindBuffer rewind;
    QVERIFY(rewind.capacity() >= 50);
    rewind.record(model, trainer);  // step 0
    WeightMap at25;
    for (int i = 0; i < 40; ++i) {
      trainer.step();
      rewind.record(model, trainer);
      if (trainer.global_step() == 25) at25 = model.params().to_host(backend);
    }
    QCOMPARE(rewind.size(), size_t(41));
    const int64_t i10 = rewind.find_step(10);
    QVERIFY(i10 >= 0);
    QCOMPARE(rewind.at(static_cast<size_t>(i10)).step, int64_t(10));
    const RewindEntry entry = rewind.at(static_cast<size_t>(i10));

    // Continue from step 10 in the live model and trainer (a branch) ...
    QVERIFY(rewind.restore(static_cast<size_t>(i10), model, trainer).empty());
    QCOMPARE(trainer.global_step(), int64_t(10));
    QCOMPARE(rewind.branch(), 1);
    for (int i = 0; i < 15; ++i) {
      trainer.step();
      rewind.record(model, trainer);
    }
    // ... equals a fresh model and trainer started from the entry's weights and state ...
    Model fresh(spec, backend, 99);
    fresh.params().from_host(backend, entry.weights);
    Trainer other(fresh, data, adam());
    QVERIFY(other.load_state(*entry.state).empty());
    for (int i = 0; i < 15; ++i) other.step();
    QVERIFY(model.params().to_host(backend) == fresh.params().to_host(backend));
    // ... and the original run at step 25 (same settings, same batches).
    QVERIFY(model.params().to_host(backend) == at25);

    // The old future is still there on branch 0; the new branch's history is branch 1 after
    // step 10 and branch 0 up to it.
    int old_branch = 0;
    for (size_t i = 0; i < rewind.size(); ++i) old_branch += rewind.at(i).branch == 0;
    QCOMPARE(old_branch, 41);  // 41 + 15 entries fit: nothing evicted
    const int64_t i20 = rewind.find_step(20);
    QCOMPARE(rewind.at(static_cast<size_t>(i20)).branch, 1);
    const int64_t i5 = rewind.find_step(5);
    QCOMPARE(rewind.at(static_cast<size_t>(i5)).branch, 0);
    QCOMPARE(rewind.at(static_cast<size_t>(i5)).step, int64_t(5));
    QCOMPARE(rewind.find_step(40), rewind.find_step(25));  // branch 1 ends at 25
  }

  void capacity_evicts_the_oldest() {
    RewindBuffer r(3);
    for (int s = 0; s < 5; ++s) r.record(s, 0, {}, std::make_shared<const TrainState>());
    QCOMPARE(r.size(), size_t(3));
    QCOMPARE(r.at(0).step, int64_t(2));
    QCOMPARE(r.find_step(1), int64_t(-1));
    r.record(4, 0, {}, std::make_shared<const TrainState>());  // same step again: replaced
    QCOMPARE(r.size(), size_t(3));
    QVERIFY_THROWS_EXCEPTION(Error, r.record(5, 0, {}, nullptr));
  }
};

QTEST_APPLESS_MAIN(TestRewind)
#include "test_rewind.moc"
