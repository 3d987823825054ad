#include "engine/data/dataset.h"

#include <algorithm>

namespace bp {

Dataset Dataset::subset(const std::vector<int64_t>& indices) const {
  Dataset out = *this;
  const int64_t d = sample_shape.numel();
  out.features.assign(static_cast<size_t>(d) * indices.size(), 0.0f);
  out.targets.assign(static_cast<size_t>(target_dim) * indices.size(), 0.0f);
  for (size_t k = 0; k < indices.size(); ++k) {
    std::copy_n(sample(indices[k]), d, out.features.begin() + static_cast<std::ptrdiff_t>(k * d));
    std::copy_n(target(indices[k]), target_dim,
                out.targets.begin() + static_cast<std::ptrdiff_t>(k * target_dim));
  }
  return out;
}

}  // namespace bp
