#pragma once
// The one definition of what a classifier predicts, and so of accuracy. The trainer's accuracy,
// the backend's count_correct, the confusion matrix, the decision boundary and every caption
// read a model's raw outputs through these functions, so they cannot disagree.
//
//   C >= 2 outputs : the class with the largest output (the first one on a tie), for every loss.
//   1 output       : two classes; class 1 when the output is above the decision threshold:
//                      0   for BCEWithLogitsLoss (the output is a logit: sigmoid(z) > 0.5),
//                      0.5 for every other loss (the output is regressed onto the labels {0, 1}).
//
// Accuracy is the share of samples whose predicted class equals their true class.
#include <cstdint>

#include "engine/backend/types.h"
#include "engine/train/batch_targets.h"

namespace bp {

// The threshold a single output is compared with (class 1 when output > threshold).
float decision_threshold(LossKind loss);

// out: (C) one sample's raw outputs. Returns the predicted class (0 or 1 when C == 1).
int predicted_class(LossKind loss, const float* out, int64_t outputs);

// The probability-like score of class 1 for a single-output classifier, in [0, 1] for a trained
// model: sigmoid of the logit for BCEWithLogitsLoss, the output itself otherwise (for shading;
// the class itself comes from predicted_class).
float positive_score(LossKind loss, float out);

// The true class of one encoded target row (layout.width floats): the label for class indices and
// scalar labels, the hot index for one-hot rows. -1 for regression targets.
int true_class(const TargetLayout& layout, const float* target);

// out: (N, C) raw outputs; target: (N, layout.width) encoded targets. Samples whose predicted
// class equals their true class (0 for regression).
int64_t count_correct(LossKind loss, const TargetLayout& layout, const float* out, int64_t n,
                      int64_t outputs, const float* target);

}  // namespace bp
