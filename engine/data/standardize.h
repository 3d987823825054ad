#pragma once
// Z-score standardization of vector data: per feature column, mean and standard deviation (ddof 0)
// from the training split, applied to every split, recorded in each split's input_mean/input_std.
#include <vector>

#include "engine/data/dataset.h"

namespace bp {

struct ColumnStats {
  std::vector<float> mean, std;  // (D); std is 1 for constant columns
};

// Per-column statistics of vector data (N, D). Empty data gives mean 0, std 1.
ColumnStats column_stats(const Dataset& ds);
// x' = (x - mean) / std per column; records the stats in ds.input_mean/input_std.
void apply_column_stats(Dataset& ds, const ColumnStats& stats);
// Statistics from splits.train, applied to all three splits.
void standardize_splits(DatasetSplits& splits);

}  // namespace bp
