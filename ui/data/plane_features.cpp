#include "ui/data/plane_features.h"

#include <cmath>

namespace bp::ui {

int plane_feature_count(const DatasetSpec& spec) {
  return 2 + int(spec.feature_x2) + int(spec.feature_y2) + int(spec.feature_xy) +
         int(spec.feature_sinx) + int(spec.feature_siny);
}

void plane_features(const DatasetSpec& spec, float x, float y, float* out) {
  int k = 0;
  out[k++] = x;
  out[k++] = y;
  if (spec.feature_x2) out[k++] = x * x;
  if (spec.feature_y2) out[k++] = y * y;
  if (spec.feature_xy) out[k++] = x * y;
  if (spec.feature_sinx) out[k++] = std::sin(x);
  if (spec.feature_siny) out[k++] = std::sin(y);
}

}  // namespace bp::ui
