#pragma once
// Points the user added by clicking the decision-boundary plane (DatasetSpec::extra_points):
// which ones a spec accepts, and how load_dataset adds them to the training split.
#include <array>
#include <string>

#include "engine/data/dataset.h"
#include "engine/data/dataset_spec.h"

namespace bp {

// Whether the spec's data takes added points: a 2-D toy set. Other sources keep them in the spec
// (so switching back loses nothing) and train without them.
bool takes_extra_points(const DatasetSpec& spec);

// Why `point` ({x, y, label}) cannot be one of spec's extra points, or "" when it can: every
// number must be finite, and for a classification toy set the label must be one of its class
// indices (0..k-1, k = the class_filter's size when one is set).
std::string extra_point_problem(const DatasetSpec& spec, const std::array<float, 3>& point);

// Removes the extra points extra_point_problem rejects (after an edit that removed classes);
// returns how many were removed.
size_t drop_unfit_extra_points(DatasetSpec& spec);

// Appends spec.extra_points to `train` (the training split load_dataset made from `spec`), with
// the split's derived features and standardization (its statistics are not recomputed). No-op
// unless takes_extra_points(spec). Throws bp::Error naming the point extra_point_problem rejects.
void append_extra_points(const DatasetSpec& spec, Dataset& train);

}  // namespace bp
