#include "engine/optim/state_layout.h"

namespace bp {

bool StateLayout::changed(const ParameterStore& params) {
  bool same = total_ == params.trainable_count();
  size_t k = 0;
  for (const auto& e : params.entries()) {
    if (!same) break;
    if (!e.decl.trainable) continue;
    same = k < items_.size() && items_[k].name == e.name && items_[k].offset == e.offset &&
           items_[k].numel == e.decl.shape.numel();
    ++k;
  }
  same = same && k == items_.size();
  if (same) return false;
  items_.clear();
  for (const auto& e : params.entries())
    if (e.decl.trainable) items_.push_back({e.name, e.offset, e.decl.shape.numel()});
  total_ = params.trainable_count();
  return true;
}

}  // namespace bp
