#include "engine/compare/shared_history.h"

namespace bp {

void SharedHistory::append(const EpochRecord& record, double seconds_at_epoch) {
  if (tail_.capacity() < kChunk) tail_.reserve(kChunk);
  tail_.push_back({record, seconds_at_epoch});
  if (tail_.size() == kChunk) {
    full_.push_back(std::make_shared<const std::vector<Entry>>(std::move(tail_)));
    tail_ = {};
  }
}

std::vector<EpochRecord> SharedHistory::records() const {
  std::vector<EpochRecord> out;
  out.reserve(size());
  for (size_t k = 0; k < size(); ++k) out.push_back((*this)[k]);
  return out;
}

void SharedHistory::clear() {
  full_.clear();
  tail_.clear();
}

}  // namespace bp
