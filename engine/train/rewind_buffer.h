#pragma once
// RewindBuffer: the last N checkpoints of a run (weights + TrainState, engine/train/train_state.h)
// so a learner can step back, look, and continue from there. Continuing from an entry starts a
// new branch: the entries after it stay (on their branch) until the buffer evicts them, so
// history is branched, not rewritten. Restoring an entry into a model and a trainer and
// training on equals training from those weights and that state, bitwise (test_rewind).
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "engine/graph/model.h"
#include "engine/train/snapshot/training_snapshot.h"  // WeightMap
#include "engine/train/train_state.h"
#include "engine/train/trainer.h"

namespace bp {

struct RewindEntry {
  int64_t step = 0;
  int epoch = 0;
  int branch = 0;  // 0 for the first run; each continue-from-an-entry opens a new one
  WeightMap weights;
  std::shared_ptr<const TrainState> state;
};

class RewindBuffer {
 public:
  static constexpr size_t kDefaultCapacity = 64;  // at least 50 steps back
  explicit RewindBuffer(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Records the trainer's model and state now (on the current branch); evicts the oldest entry
  // beyond the capacity.
  void record(Model& model, Trainer& trainer);
  // The same from values a snapshot already holds.
  void record(int64_t step, int epoch, WeightMap weights, std::shared_ptr<const TrainState> state);

  size_t size() const { return entries_.size(); }
  size_t capacity() const { return capacity_; }
  const RewindEntry& at(size_t i) const { return entries_.at(i); }  // 0 = oldest
  // Index of the newest entry at or before `step` on the current branch's history (its own
  // entries, then those of the branch it was opened from, up to where it was opened), or -1.
  int64_t find_step(int64_t step) const;
  int branch() const { return branch_; }

  // Loads entry i into `model` and `trainer` (weights and state) and opens a new branch: what
  // is recorded from now on belongs to it. Returns the trainer's notes (load_state).
  std::vector<std::string> restore(size_t i, Model& model, Trainer& trainer);
  // Opens a new branch from entry i without loading it (the studio loads it through its
  // document); returns the entry.
  const RewindEntry& open_branch(size_t i);
  void clear() { entries_.clear(); }

 private:
  size_t capacity_;
  std::deque<RewindEntry> entries_;
  bool on_lineage(const RewindEntry& e) const;
  struct Fork {
    int parent;
    int64_t step;  // the step the branch was opened at
  };
  std::vector<Fork> forks_{{-1, 0}};  // by branch
  int branch_ = 0;
};

}  // namespace bp
