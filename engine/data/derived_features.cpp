#include "engine/data/derived_features.h"

#include <cmath>

#include "engine/core/error.h"

namespace bp {
namespace {

// Writes (x1, x2, derived...) for one point; returns the number of values written.
int expand(const DatasetSpec& spec, float x1, float x2, float* out) {
  int k = 0;
  out[k++] = x1;
  out[k++] = x2;
  if (spec.feature_x2) out[k++] = x1 * x1;
  if (spec.feature_y2) out[k++] = x2 * x2;
  if (spec.feature_xy) out[k++] = x1 * x2;
  if (spec.feature_sinx) out[k++] = std::sin(x1);
  if (spec.feature_siny) out[k++] = std::sin(x2);
  return k;
}

}  // namespace

int derived_feature_count(const DatasetSpec& spec) {
  return int{spec.feature_x2} + int{spec.feature_y2} + int{spec.feature_xy} +
         int{spec.feature_sinx} + int{spec.feature_siny};
}

void append_derived_features(Dataset& ds, const DatasetSpec& spec) {
  const int extra = derived_feature_count(spec);
  if (extra == 0) return;
  if (ds.sample_shape != Shape{2})
    throw Error("derived features (x1^2, x2^2, x1*x2, sin) need 2-D points, but '" + ds.name +
                "' has samples of shape " + ds.sample_shape.to_string());
  const int64_t n = ds.size();
  const int width = 2 + extra;
  std::vector<float> out(static_cast<size_t>(n * width));
  for (int64_t i = 0; i < n; ++i)
    expand(spec, ds.features[static_cast<size_t>(2 * i)],
           ds.features[static_cast<size_t>(2 * i + 1)], out.data() + i * width);
  ds.features = std::move(out);
  ds.sample_shape = Shape{width};
  std::vector<std::string> names = ds.feature_names;
  if (names.size() != 2) names = {"x1", "x2"};
  const std::string a = names[0], b = names[1];
  if (spec.feature_x2) names.push_back(a + "^2");
  if (spec.feature_y2) names.push_back(b + "^2");
  if (spec.feature_xy) names.push_back(a + "*" + b);
  if (spec.feature_sinx) names.push_back("sin(" + a + ")");
  if (spec.feature_siny) names.push_back("sin(" + b + ")");
  ds.feature_names = std::move(names);
}

void map_points_to_inputs(const DatasetSpec& spec, const Dataset& split, const float* xy, int64_t n,
                          float* out) {
  // 1-D data (Sine1d, ...): one raw value per point, no derived features.
  const bool one_d = split.sample_shape == Shape{1};
  const int width = one_d ? 1 : 2 + derived_feature_count(spec);
  const bool normalized = split.input_mean.size() == static_cast<size_t>(width) &&
                          split.input_std.size() == static_cast<size_t>(width);
  for (int64_t i = 0; i < n; ++i) {
    float* row = out + i * width;
    if (one_d)
      row[0] = xy[i];
    else
      expand(spec, xy[2 * i], xy[2 * i + 1], row);
    if (normalized)
      for (int c = 0; c < width; ++c)
        row[c] = (row[c] - split.input_mean[static_cast<size_t>(c)]) /
                 split.input_std[static_cast<size_t>(c)];
  }
}

}  // namespace bp
