#include "engine/data/standardize.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"

namespace bp {

ColumnStats column_stats(const Dataset& ds) {
  const int64_t d = ds.sample_shape.numel();
  const int64_t n = ds.size();
  std::vector<double> sum(static_cast<size_t>(d), 0.0), sq(static_cast<size_t>(d), 0.0);
  for (int64_t i = 0; i < n; ++i) {
    const float* row = ds.sample(i);
    for (int64_t c = 0; c < d; ++c) {
      sum[static_cast<size_t>(c)] += row[c];
      sq[static_cast<size_t>(c)] += static_cast<double>(row[c]) * row[c];
    }
  }
  ColumnStats stats;
  stats.mean.assign(static_cast<size_t>(d), 0.0f);
  stats.std.assign(static_cast<size_t>(d), 1.0f);
  if (n == 0) return stats;
  for (size_t c = 0; c < static_cast<size_t>(d); ++c) {
    const double mean = sum[c] / static_cast<double>(n);
    const double var = std::max(0.0, sq[c] / static_cast<double>(n) - mean * mean);
    const double sd = std::sqrt(var);
    stats.mean[c] = static_cast<float>(mean);
    stats.std[c] = sd > 1e-8 ? static_cast<float>(sd) : 1.0f;
  }
  return stats;
}

void apply_column_stats(Dataset& ds, const ColumnStats& stats) {
  const int64_t d = ds.sample_shape.numel();
  if (static_cast<int64_t>(stats.mean.size()) != d || static_cast<int64_t>(stats.std.size()) != d)
    throw Error("standardize: statistics for " + std::to_string(stats.mean.size()) +
                " columns do not fit samples of shape " + ds.sample_shape.to_string());
  for (size_t i = 0; i < ds.features.size(); ++i) {
    const size_t c = i % static_cast<size_t>(d);
    ds.features[i] = (ds.features[i] - stats.mean[c]) / stats.std[c];
  }
  ds.input_mean = stats.mean;
  ds.input_std = stats.std;
}

void standardize_splits(DatasetSplits& splits) {
  const ColumnStats stats = column_stats(splits.train);
  apply_column_stats(splits.train, stats);
  apply_column_stats(splits.validation, stats);
  apply_column_stats(splits.test, stats);
}

}  // namespace bp
