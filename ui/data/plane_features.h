#pragma once
// The input features of a 2-D toy dataset computed from a point (x, y) of the plane, in the order
// the data loader writes them: x, y, then the enabled Playground-style derived features
// (x^2, y^2, x*y, sin x, sin y). Used to evaluate a model over the plane and to append points
// the user clicked.
#include "engine/data/dataset_spec.h"

namespace bp::ui {

// Number of features a 2-D toy spec produces (2 + enabled derived features).
int plane_feature_count(const DatasetSpec& spec);
// out: (plane_feature_count(spec)) features of the point (x, y).
void plane_features(const DatasetSpec& spec, float x, float y, float* out);

}  // namespace bp::ui
