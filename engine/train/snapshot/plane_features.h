#pragma once
// The plane of a 2-D toy dataset: raw (x, y) points to model inputs (derived features and the
// split's standardization, via the data layer's map_points_to_inputs) and model inputs back to
// raw points for plotting.
#include <cstdint>

#include "engine/data/dataset_spec.h"

namespace bp {

// Number of model inputs a 2-D toy spec produces (2 + enabled derived features).
int plane_feature_count(const DatasetSpec& spec);
// xy: (n, 2) raw points; out: (n, plane_feature_count(spec)) model inputs for `split`.
void plane_features(const DatasetSpec& spec, const Dataset& split, const float* xy, int64_t n,
                    float* out);
// xy: (2) the raw coordinates of sample i of `split` (undoing standardization).
void raw_point(const Dataset& split, int64_t i, float* xy);

}  // namespace bp
