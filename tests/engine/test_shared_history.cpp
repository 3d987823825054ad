// SharedHistory (the compare lab's run histories in snapshots): indexing across chunk borders
// returns what was appended; a copy shares the full chunks (later appends to the original do not
// change it) and copies only the tail. RunSummaryBuilder fed a history in pieces gives the same
// summary as summarize_history over the whole of it.
#include <QtTest>
#include <cmath>

#include "engine/compare/run_summary.h"
#include "engine/compare/shared_history.h"

using namespace bp;

namespace {

EpochRecord record(int epoch) {
  EpochRecord r;
  r.epoch = epoch;
  r.train = {1.0 / epoch, 0.5, 100};
  // validation accuracy climbs with a dip, so best and final differ
  r.validation = {2.0 / epoch, epoch == 700 ? 0.99 : std::min(0.95, 0.001 * epoch), 40};
  r.lr = 0.01f;
  return r;
}

}  // namespace

class TestSharedHistory : public QObject {
  Q_OBJECT
 private slots:
  void indexes_across_chunks() {
    SharedHistory h;
    QVERIFY(h.empty());
    const size_t n = 3 * SharedHistory::kChunk + 17;
    for (size_t k = 0; k < n; ++k) h.append(record(static_cast<int>(k + 1)), 0.25 * double(k));
    QCOMPARE(h.size(), n);
    for (size_t k : {size_t{0}, SharedHistory::kChunk - 1, SharedHistory::kChunk,
                     2 * SharedHistory::kChunk + 5, n - 1}) {
      QCOMPARE(h[k].epoch, static_cast<int>(k + 1));
      QCOMPARE(h.seconds_at(k), 0.25 * double(k));
    }
    QCOMPARE(h.front().epoch, 1);
    QCOMPARE(h.back().epoch, static_cast<int>(n));
  }

  void copies_share_full_chunks_and_stay_fixed() {
    SharedHistory h;
    for (int k = 1; k <= 1500; ++k) h.append(record(k), k);
    const SharedHistory copy = h;
    QCOMPARE(&copy[10], &h[10]);       // in a full chunk: the same memory
    QVERIFY(&copy[1400] != &h[1400]);  // in the tail: copied
    for (int k = 1501; k <= 5000; ++k) h.append(record(k), k);
    QCOMPARE(copy.size(), size_t{1500});
    QCOMPARE(copy.back().epoch, 1500);
    QCOMPARE(copy[1499].epoch, 1500);
    QCOMPARE(h.size(), size_t{5000});
    QCOMPARE(h[1499].epoch, 1500);
    h.clear();
    QVERIFY(h.empty());
    QCOMPARE(copy[3].epoch, 4);  // the copy keeps its chunks
  }

  void builder_in_pieces_equals_whole_history() {
    std::vector<EpochRecord> history;
    std::vector<double> seconds;
    for (int k = 1; k <= 2500; ++k) history.push_back(record(k)), seconds.push_back(0.01 * k);
    RunSpec spec;
    spec.label = "lr=0.01";
    spec.config.seed = 7;
    for (std::optional<double> target : {std::optional<double>{}, std::optional<double>{0.9}}) {
      const RunSummary whole =
          summarize_history(spec, RunStatus::Finished, "", history, seconds, 12.5, target);
      RunSummaryBuilder b(spec, target);
      size_t done = 0;
      for (size_t piece : {size_t{1}, size_t{10}, size_t{999}, size_t{1490}}) {
        for (size_t k = done; k < done + piece; ++k) b.add(history[k], seconds[k]);
        done += piece;
      }
      const RunSummary s = b.summary(RunStatus::Finished, "", 12.5);
      QCOMPARE(s.epochs, whole.epochs);
      QCOMPARE(s.final_value, whole.final_value);
      QCOMPARE(s.best_value, whole.best_value);
      QCOMPARE(s.best_epoch, 700);
      QCOMPARE(s.best_epoch, whole.best_epoch);
      QCOMPARE(s.target_epoch, whole.target_epoch);
      QCOMPARE(s.target_seconds, whole.target_seconds);
      QCOMPARE(s.metric, SummaryMetric::Accuracy);
      QVERIFY(s.from_validation);
      if (target) {
        QCOMPARE(*s.target_epoch, 700);
        QCOMPARE(*s.target_seconds, seconds[699]);
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestSharedHistory)
#include "test_shared_history.moc"
