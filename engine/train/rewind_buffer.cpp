#include "engine/train/rewind_buffer.h"

#include <algorithm>
#include <climits>

#include "engine/core/error.h"

namespace bp {

void RewindBuffer::record(Model& model, Trainer& trainer) {
  record(trainer.global_step(), trainer.epoch(), model.params().to_host(model.backend()),
         std::make_shared<const TrainState>(trainer.state()));
}

void RewindBuffer::record(int64_t step, int epoch, WeightMap weights,
                          std::shared_ptr<const TrainState> state) {
  if (!state) throw Error("a rewind entry needs the training state");
  // The same step on the same branch again (e.g. a snapshot while paused): keep one.
  if (!entries_.empty() && entries_.back().step == step && entries_.back().branch == branch_)
    entries_.pop_back();
  entries_.push_back({step, epoch, branch_, std::move(weights), std::move(state)});
  while (entries_.size() > capacity_) entries_.pop_front();
}

bool RewindBuffer::on_lineage(const RewindEntry& e) const {
  int64_t limit = INT64_MAX;
  for (int b = branch_; b >= 0; b = forks_[static_cast<size_t>(b)].parent) {
    if (e.branch == b) return e.step <= limit;
    limit = std::min(limit, forks_[static_cast<size_t>(b)].step);
  }
  return false;
}

int64_t RewindBuffer::find_step(int64_t step) const {
  for (size_t i = entries_.size(); i-- > 0;)
    if (entries_[i].step <= step && on_lineage(entries_[i])) return static_cast<int64_t>(i);
  return -1;
}

std::vector<std::string> RewindBuffer::restore(size_t i, Model& model, Trainer& trainer) {
  const RewindEntry& e = entries_.at(i);
  model.params().from_host(model.backend(), e.weights);
  std::vector<std::string> notes = trainer.load_state(*e.state);
  open_branch(i);
  return notes;
}

const RewindEntry& RewindBuffer::open_branch(size_t i) {
  const RewindEntry& e = entries_.at(i);
  forks_.push_back({e.branch, e.step});
  branch_ = static_cast<int>(forks_.size()) - 1;
  return e;
}

}  // namespace bp
