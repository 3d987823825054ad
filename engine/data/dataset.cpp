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
  out.features.reserve(static_cast<size_t>(d) * indices.size());
  out.targets.reserve(static_cast<size_t>(target_dim) * indices.size());
  for (const int64_t i : indices) {
    out.features.insert(out.features.end(), sample(i), sample(i) + d);
    out.targets.insert(out.targets.end(), target(i), target(i) + target_dim);
  }
  return out;
}

}  // namespace bp
