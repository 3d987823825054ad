#pragma once
// Points the user added by clicking the decision-boundary plane (DatasetSpec::extra_points) are
// appended to the training split after load_dataset.
#include "engine/data/dataset_spec.h"

namespace bp::ui {

// Appends spec.extra_points to splits.train. No-op for data that is not a 2-D toy set (or when
// there are no extra points). Class labels outside [0, num_classes) are skipped.
void append_extra_points(const DatasetSpec& spec, DatasetSplits& splits);

// load_dataset(spec) followed by append_extra_points.
DatasetSplits load_dataset_with_extras(const DatasetSpec& spec);

}  // namespace bp::ui
