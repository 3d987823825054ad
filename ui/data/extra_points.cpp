#include "ui/data/extra_points.h"

#include <cmath>

#include "ui/data/plane_features.h"

namespace bp::ui {

void append_extra_points(const DatasetSpec& spec, DatasetSplits& splits) {
  Dataset& train = splits.train;
  if (spec.extra_points.empty() || spec.source != DatasetSource::Toy) return;
  const int d = plane_feature_count(spec);
  if (train.sample_shape.rank() != 1 || train.sample_shape[0] != d) return;
  std::vector<float> row(static_cast<size_t>(d));
  for (const auto& p : spec.extra_points) {
    const bool classification = train.task == TaskKind::Classification;
    if (classification) {
      const float label = std::round(p[2]);
      if (label < 0.0f || label >= static_cast<float>(train.num_classes)) continue;
    } else if (train.target_dim != 1) {
      continue;
    }
    const float xy[2] = {p[0], p[1]};
    plane_features(spec, train, xy, 1, row.data());
    train.features.insert(train.features.end(), row.begin(), row.end());
    train.targets.push_back(classification ? std::round(p[2]) : p[2]);
  }
}

DatasetSplits load_dataset_with_extras(const DatasetSpec& spec) {
  DatasetSplits splits = load_dataset(spec);
  append_extra_points(spec, splits);
  return splits;
}

}  // namespace bp::ui
