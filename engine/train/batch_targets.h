#pragma once
// How a dataset's targets become a loss's target tensor for a given model output:
//   CrossEntropyLoss             : class indices (N)
//   BCEWithLogitsLoss, 1 output  : label in {0, 1} (N, 1)
//   any loss, C == classes outputs (classification, not CE): one-hot (N, C)
//   MSE/L1/Huber, 1 output (classification): the label as a number (N, 1)
//   regression                   : the targets (N, target_dim), target_dim == outputs
//   TargetMode::PlusMinusOne     : one-hot with -1 for the other classes (N, C)
//   TargetMode::Reconstruct      : the input sample, flattened (N, D), D == outputs
#include <cstdint>
#include <string>

#include "engine/backend/types.h"
#include "engine/core/shape.h"
#include "engine/data/dataset.h"
#include "engine/train/target_mode.h"

namespace bp {

enum class TargetEncoding : uint8_t { ClassIndex, Scalar, OneHot, Regression };

struct TargetLayout {
  TargetEncoding encoding = TargetEncoding::ClassIndex;
  int64_t width = 1;        // floats per sample in the target tensor
  float off_value = 0.0f;   // OneHot: the value of the other classes (-1 for PlusMinusOne)
  bool from_input = false;  // Regression: the target is the sample itself (Reconstruct)
  // The per-sample shape of the target tensor: () for class indices, else (width).
  Shape per_sample() const;
};

// Throws bp::Error when the loss, the model's output and the data do not fit together, with a
// message that says what to change ("CrossEntropyLoss needs one output per class (3), the
// network ends in 1 unit: set the last Linear's out_features to 3").
TargetLayout choose_target_layout(LossKind loss, const Shape& model_output, const Dataset& data,
                                  TargetMode mode = TargetMode::Auto);

// Writes the target of sample `i` of `data` into `out` (layout.width floats).
void encode_target(const TargetLayout& layout, const Dataset& data, int64_t i, float* out);

}  // namespace bp
