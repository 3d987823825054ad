// WorkerPool: every task runs exactly once, on a thread index in range, for any pool size and
// task count; exceptions reach the caller; the pool can be resized and reused.
#include <QtTest>
#include <atomic>
#include <stdexcept>
#include <vector>

#include "engine/core/worker_pool.h"

using namespace bp;

class TestWorkerPool : public QObject {
  Q_OBJECT

 private slots:
  void every_task_runs_once() {
    for (const int threads : {1, 2, 3, 5})
      for (const int tasks : {0, 1, 2, 7, 64, 1000}) {
        WorkerPool pool(threads);
        std::vector<std::atomic<int>> hits(static_cast<size_t>(tasks));
        std::atomic<bool> bad_thread{false};
        for (int round = 0; round < 3; ++round)
          pool.run(tasks, [&](int64_t t, int thread) {
            hits[static_cast<size_t>(t)].fetch_add(1);
            if (thread < 0 || thread >= threads) bad_thread = true;
          });
        for (const auto& h : hits) QCOMPARE(h.load(), 3);
        QVERIFY(!bad_thread);
      }
  }

  void exceptions_reach_the_caller() {
    WorkerPool pool(3);
    bool caught = false;
    try {
      pool.run(30, [](int64_t t, int) {
        if (t == 29) throw std::runtime_error("task 29 failed");
      });
    } catch (const std::runtime_error& e) {
      caught = QString(e.what()) == "task 29 failed";
    }
    QVERIFY(caught);
    std::atomic<int> count{0};  // still usable afterwards
    pool.run(10, [&](int64_t, int) { count.fetch_add(1); });
    QCOMPARE(count.load(), 10);
  }

  void resize_between_runs() {
    WorkerPool pool(1);
    for (const int threads : {4, 2, 1, 3}) {
      pool.resize(threads);
      QCOMPARE(pool.threads(), threads);
      std::atomic<int> count{0};
      pool.run(100, [&](int64_t, int) { count.fetch_add(1); });
      QCOMPARE(count.load(), 100);
    }
  }
};

QTEST_APPLESS_MAIN(TestWorkerPool)
#include "test_worker_pool.moc"
