#include "engine/train/snapshot/plane_features.h"

#include "engine/data/derived_features.h"

namespace bp {

int plane_feature_count(const DatasetSpec& spec) {
  return 2 + derived_feature_count(spec);
}

void plane_features(const DatasetSpec& spec, const Dataset& split, const float* xy, int64_t n,
                    float* out) {
  map_points_to_inputs(spec, split, xy, n, out);
}

void raw_point(const Dataset& split, int64_t i, float* xy) {
  const float* f = split.sample(i);
  const bool normalized = split.input_mean.size() >= 2 && split.input_std.size() >= 2;
  for (size_t k = 0; k < 2; ++k)
    xy[k] = normalized ? f[k] * split.input_std[k] + split.input_mean[k] : f[k];
}

}  // namespace bp
