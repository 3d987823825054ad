#pragma once
// Dataset: samples as one row-major float block plus targets, in memory.
// Classification: targets are class indices (one float per sample, 0..num_classes-1).
// Regression: targets are (N, target_dim) floats.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/shape.h"

namespace bp {

enum class TaskKind : uint8_t { Classification, Regression };

struct Dataset {
  std::string name;  // "spiral", "mnist-digits", "iris.csv"
  TaskKind task = TaskKind::Classification;
  Shape sample_shape{2};        // per sample: (2), (1, 28, 28)
  int num_classes = 2;          // classification
  int target_dim = 1;           // regression outputs per sample (1 for classification indices)
  std::vector<float> features;  // (N, sample_shape...)
  std::vector<float> targets;   // (N, target_dim)
  std::vector<std::string> class_names;    // optional, size num_classes
  std::vector<std::string> feature_names;  // optional, for vector data ("x1", "x2", "x1^2", ...)
  // The normalization load_dataset applied, x' = (x - input_mean[c]) / input_std[c], per feature
  // column (vector data, DatasetSpec::standardize) or per channel (images, DatasetSpec::normalize);
  // empty when none was applied. Views use it to map raw points (a decision-boundary grid) into
  // model inputs and to show images in their original intensities.
  std::vector<float> input_mean, input_std;

  int64_t size() const {
    const int64_t d = sample_shape.numel();
    return d ? static_cast<int64_t>(features.size()) / d : 0;
  }
  const float* sample(int64_t i) const { return features.data() + i * sample_shape.numel(); }
  const float* target(int64_t i) const { return targets.data() + i * target_dim; }
  // The rows at `indices`, in that order.
  Dataset subset(const std::vector<int64_t>& indices) const;
};

struct DatasetSplits {
  Dataset train, validation, test;
};

}  // namespace bp
