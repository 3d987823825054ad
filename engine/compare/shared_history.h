#pragma once
// SharedHistory: a run's epoch records as an append-only list whose full chunks are immutable and
// shared between copies. The compare lab sends every run's history to the GUI 20 times a second;
// copying a SharedHistory costs O(size / kChunk + kChunk) and no full chunk is ever duplicated,
// where copying a std::vector of 100,000 records cost 7 MB and milliseconds per run.
#include <cstddef>
#include <memory>
#include <vector>

#include "engine/train/train_state.h"

namespace bp {

class SharedHistory {
 public:
  static constexpr size_t kChunk = 1024;

  // record: the epoch's metrics; seconds_at_epoch: the run's own training time after it.
  void append(const EpochRecord& record, double seconds_at_epoch);
  void clear();
  std::vector<EpochRecord> records() const;  // a plain copy (metrics.csv, tests)

  size_t size() const { return full_.size() * kChunk + tail_.size(); }
  bool empty() const { return size() == 0; }
  const EpochRecord& operator[](size_t k) const { return entry(k).record; }
  double seconds_at(size_t k) const { return entry(k).seconds_at_epoch; }
  const EpochRecord& front() const { return entry(0).record; }
  const EpochRecord& back() const { return entry(size() - 1).record; }

 private:
  struct Entry {
    EpochRecord record;
    double seconds_at_epoch = 0.0;
  };
  const Entry& entry(size_t k) const {
    return k / kChunk < full_.size() ? (*full_[k / kChunk])[k % kChunk]
                                     : tail_[k - full_.size() * kChunk];
  }

  std::vector<std::shared_ptr<const std::vector<Entry>>> full_;  // kChunk entries each
  std::vector<Entry> tail_;                                      // fewer than kChunk
};

}  // namespace bp
