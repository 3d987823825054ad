#include "engine/train/prediction.h"

#include <algorithm>
#include <cmath>

namespace bp {

float decision_threshold(LossKind loss) {
  return loss == LossKind::BCEWithLogitsLoss ? 0.0f : 0.5f;
}

int predicted_class(LossKind loss, const float* out, int64_t outputs) {
  if (outputs <= 0) return -1;
  if (outputs == 1) return out[0] > decision_threshold(loss) ? 1 : 0;
  return static_cast<int>(std::max_element(out, out + outputs) - out);
}

float positive_score(LossKind loss, float out) {
  if (loss == LossKind::BCEWithLogitsLoss) return 1.0f / (1.0f + std::exp(-out));
  return out;
}

int true_class(const TargetLayout& layout, const float* target) {
  switch (layout.encoding) {
    case TargetEncoding::ClassIndex:
      return static_cast<int>(target[0]);
    case TargetEncoding::Scalar:
      return target[0] > 0.5f ? 1 : 0;
    case TargetEncoding::OneHot:
      return static_cast<int>(std::max_element(target, target + layout.width) - target);
    case TargetEncoding::Regression:
      break;
  }
  return -1;
}

int64_t count_correct(LossKind loss, const TargetLayout& layout, const float* out, int64_t n,
                      int64_t outputs, const float* target) {
  if (layout.encoding == TargetEncoding::Regression) return 0;
  int64_t correct = 0;
  for (int64_t i = 0; i < n; ++i)
    correct += predicted_class(loss, out + i * outputs, outputs) ==
               true_class(layout, target + i * layout.width);
  return correct;
}

}  // namespace bp
