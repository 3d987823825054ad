#pragma once
// Keeping a subset of classes ("3 vs 8") and relabelling them 0..k-1 in the order given.
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

// Keeps the samples whose class is in `keep` (class indices of ds); class keep[i] becomes i and
// class_names follow. Throws bp::Error for regression data, fewer than two classes, duplicates
// or indices outside 0..num_classes-1. An empty `keep` is a no-op.
void filter_classes(Dataset& ds, const std::vector<int>& keep);

}  // namespace bp
