#include "engine/data/extra_points.h"

#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/data/derived_features.h"
#include "engine/data/toy_generators.h"

namespace bp {
namespace {

// Class count of a classification toy set as load_dataset produces it; 0 for anything else.
int toy_class_count(const DatasetSpec& spec) {
  if (spec.source != DatasetSource::Toy || !toy_is_classification(spec.toy)) return 0;
  return spec.class_filter.empty() ? toy_num_classes(spec.toy, spec.classes)
                                   : static_cast<int>(spec.class_filter.size());
}

std::string number_text(float v) {
  std::string s = std::to_string(v);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

bool takes_extra_points(const DatasetSpec& spec) {
  return spec.source == DatasetSource::Toy && toy_input_dim(spec.toy) == 2;
}

std::string extra_point_problem(const DatasetSpec& spec, const std::array<float, 3>& point) {
  const char* names[3] = {"x", "y", "label"};
  for (size_t k = 0; k < 3; ++k)
    if (!std::isfinite(point[k])) return std::string(names[k]) + " is not a finite number";
  const int classes = toy_class_count(spec);
  if (classes == 0) return "";
  const float label = point[2];
  if (label != std::floor(label) || label < 0.0f || label >= static_cast<float>(classes))
    return "the label " + number_text(label) + " is not a class of the toy set '" +
           toy_name(spec.toy) + "' (class indices 0.." + std::to_string(classes - 1) + ")";
  return "";
}

size_t drop_unfit_extra_points(DatasetSpec& spec) {
  const size_t before = spec.extra_points.size();
  std::erase_if(spec.extra_points, [&](const std::array<float, 3>& p) {
    return !extra_point_problem(spec, p).empty();
  });
  return before - spec.extra_points.size();
}

void append_extra_points(const DatasetSpec& spec, Dataset& train) {
  if (spec.extra_points.empty() || !takes_extra_points(spec)) return;
  const int d = 2 + derived_feature_count(spec);
  if (train.sample_shape != Shape{d} || train.target_dim != 1)
    throw Error("added points need 2-D samples, but '" + train.name + "' has samples of shape " +
                train.sample_shape.to_string());
  const size_t n = spec.extra_points.size();
  std::vector<float> xy(2 * n);
  for (size_t i = 0; i < n; ++i) {
    const std::array<float, 3>& p = spec.extra_points[i];
    const std::string problem = extra_point_problem(spec, p);
    if (!problem.empty())
      throw Error("added point " + std::to_string(i + 1) + " (" + number_text(p[0]) + ", " +
                  number_text(p[1]) + "): " + problem);
    xy[2 * i] = p[0];
    xy[2 * i + 1] = p[1];
  }
  const size_t old = train.features.size();
  train.features.resize(old + n * static_cast<size_t>(d));
  map_points_to_inputs(spec, train, xy.data(), static_cast<int64_t>(n),
                       train.features.data() + old);
  for (const auto& p : spec.extra_points) train.targets.push_back(p[2]);
}

}  // namespace bp
