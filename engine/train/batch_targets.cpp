#include "engine/train/batch_targets.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/graph/names.h"

namespace bp {

Shape TargetLayout::per_sample() const {
  return encoding == TargetEncoding::ClassIndex ? Shape{} : Shape{width};
}

TargetLayout choose_target_layout(LossKind loss, const Shape& model_output, const Dataset& data,
                                  TargetMode mode) {
  if (model_output.rank() != 1)
    throw Error("the network's output is " + model_output.to_string() +
                " per sample; a loss needs a flat output (D): end the network with Flatten and "
                "a Linear layer");
  const int64_t outputs = model_output[0];
  const std::string loss_name = to_string(loss);
  if (mode == TargetMode::Reconstruct) {
    const int64_t d = data.sample_shape.numel();
    if (loss == LossKind::CrossEntropyLoss || loss == LossKind::BCEWithLogitsLoss)
      throw Error("reconstructing the input needs a regression loss, not " + loss_name +
                  ": choose MSELoss");
    if (outputs != d)
      throw Error("reconstructing the input needs one output per input value (" +
                  std::to_string(d) + "), the network ends in " + std::to_string(outputs) +
                  ": set the last layer's out_features to " + std::to_string(d));
    TargetLayout layout{TargetEncoding::Regression, outputs};
    layout.from_input = true;
    return layout;
  }
  if (mode == TargetMode::PlusMinusOne) {
    if (data.task != TaskKind::Classification || loss == LossKind::CrossEntropyLoss ||
        loss == LossKind::BCEWithLogitsLoss)
      throw Error("targets of +-1 are for classification with MSELoss (or L1/Huber), not " +
                  loss_name + " on '" + data.name + "'");
    if (outputs != data.num_classes)
      throw Error("targets of +-1 need one output per class (" + std::to_string(data.num_classes) +
                  "), the network ends in " + std::to_string(outputs) +
                  ": set the last layer's out_features to " + std::to_string(data.num_classes));
    TargetLayout layout{TargetEncoding::OneHot, outputs};
    layout.off_value = -1.0f;
    return layout;
  }
  if (data.task == TaskKind::Regression) {
    if (loss == LossKind::CrossEntropyLoss || loss == LossKind::BCEWithLogitsLoss)
      throw Error(loss_name + " is a classification loss but '" + data.name +
                  "' is a regression dataset: choose MSELoss, L1Loss or HuberLoss");
    if (outputs != data.target_dim)
      throw Error("'" + data.name + "' has " + std::to_string(data.target_dim) +
                  " target value(s) per sample but the network ends in " + std::to_string(outputs) +
                  " unit(s): set the last layer's out_features to " +
                  std::to_string(data.target_dim));
    return {TargetEncoding::Regression, outputs};
  }
  const int64_t classes = data.num_classes;
  if (loss == LossKind::CrossEntropyLoss) {
    if (outputs != classes)
      throw Error("CrossEntropyLoss needs one output per class (" + std::to_string(classes) +
                  "), the network ends in " + std::to_string(outputs) +
                  " unit(s): set the last layer's out_features to " + std::to_string(classes));
    return {TargetEncoding::ClassIndex, 1};
  }
  if (outputs == 1) {
    if (classes != 2)
      throw Error("a single output unit can only separate 2 classes; '" + data.name + "' has " +
                  std::to_string(classes) + ": use " + std::to_string(classes) +
                  " outputs with CrossEntropyLoss");
    return {TargetEncoding::Scalar, 1};
  }
  if (outputs == classes) return {TargetEncoding::OneHot, outputs};
  throw Error(loss_name + " on " + std::to_string(classes) +
              " classes needs 1 output (2 classes) or " + std::to_string(classes) +
              " outputs (one-hot), the network ends in " + std::to_string(outputs));
}

void encode_target(const TargetLayout& layout, const Dataset& data, int64_t i, float* out) {
  const float* t = data.target(i);
  switch (layout.encoding) {
    case TargetEncoding::ClassIndex:
    case TargetEncoding::Scalar:
      out[0] = t[0];
      break;
    case TargetEncoding::OneHot: {
      std::fill_n(out, layout.width, layout.off_value);
      const auto c = static_cast<int64_t>(t[0]);
      if (c >= 0 && c < layout.width) out[c] = 1.0f;
      break;
    }
    case TargetEncoding::Regression:
      std::copy_n(layout.from_input ? data.sample(i) : t, layout.width, out);
      break;
  }
}

}  // namespace bp
