#include "engine/data/dataset.h"

#include <algorithm>

namespace bp {

Dataset Dataset::subset(const std::vector<int64_t>& indices) const {
  // Every field but the sample data (copying *this would copy all features first).
  Dataset out;
  out.name = name;
  out.task = task;
  out.sample_shape = sample_shape;
  out.num_classes = num_classes;
  out.target_dim = target_dim;
  out.class_names = class_names;
  out.feature_names = feature_names;
  out.input_mean = input_mean;
  out.input_std = input_std;
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
