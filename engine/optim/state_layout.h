#pragma once
// StateLayout: remembers which trainable parameters (name, offset, size) an optimizer's flat
// state tensors were laid out for. Optimizer state is keyed by parameter name: when the network
// changes (a layer added, removed or resized) the flat layout changes and the state is reset,
// as a fresh torch optimizer would start.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/graph/parameter_store.h"

namespace bp {

class StateLayout {
 public:
  // True when `params` differs from the layout seen last (then remembers the new one). Does not
  // allocate when the layout is unchanged.
  bool changed(const ParameterStore& params);
  void clear() { items_.clear(), total_ = -1; }

  struct Item {
    std::string name;
    int64_t offset = 0, numel = 0;
  };
  const std::vector<Item>& items() const { return items_; }

 private:
  std::vector<Item> items_;
  int64_t total_ = -1;
};

}  // namespace bp
