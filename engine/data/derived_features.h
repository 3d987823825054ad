#pragma once
// Playground's derived input features for 2-D data: x1^2, x2^2, x1*x2, sin(x1), sin(x2), appended
// as extra columns after (x1, x2) in that order, with feature_names filled.
#include <cstdint>

#include "engine/data/dataset.h"
#include "engine/data/dataset_spec.h"

namespace bp {

// How many columns the spec's feature flags add (0..5).
int derived_feature_count(const DatasetSpec& spec);

// Replaces ds's (N, 2) features by (N, 2 + derived_feature_count(spec)). No-op when no flag is
// set; throws bp::Error when a flag is set and the data is not 2-D vector data.
void append_derived_features(Dataset& ds, const DatasetSpec& spec);

// Model inputs for raw points (a decision-boundary grid, a regression curve, a clicked point):
// derived features as above, then the split's normalization (split.input_mean/std, if any).
// 2-D data: xy (n, 2) -> out (n, 2 + derived_feature_count(spec)).
// 1-D data (split.sample_shape == (1)): xy (n) -> out (n, 1). Allocation-free.
void map_points_to_inputs(const DatasetSpec& spec, const Dataset& split, const float* xy, int64_t n,
                          float* out);

}  // namespace bp
