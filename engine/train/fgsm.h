#pragma once
// Fast Gradient Sign Method (Goodfellow, Shlens & Szegedy 2015, "Explaining and harnessing
// adversarial examples"): x' = x + eps * sign(d loss(x, y) / d x). Every pixel moves by exactly
// eps (or 0 where the gradient is 0), so max |x' - x| <= eps, yet the loss rises as fast as a
// step of that size allows. The loss is the project's own: CrossEntropyLoss gives the gradient
// softmax(out) - onehot(y); other losses push the true class's raw output down (d/d out = -onehot).
#include <cstdint>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/graph/model.h"

namespace bp {

struct FgsmResult {
  std::vector<float> adversarial;  // (N, C, H, W) as the input, on the host
  std::vector<int> before;         // predicted class of each clean sample
  std::vector<int> after;          // predicted class of each perturbed sample
  float max_change = 0.0f;         // max |x' - x| over all pixels (<= eps)
  int flipped() const;             // samples whose prediction changed
};

// x: (N, C, H, W) on the model's backend; labels: N true classes; eps >= 0 in the input's units
// (the normalised pixels the model sees). Runs in eval mode; leaves parameter gradients behind
// (the trainer zeroes them every step). Throws bp::Error for a label out of range or a size
// mismatch.
FgsmResult fgsm_attack(Model& model, const Tensor& x, const std::vector<int>& labels, LossKind loss,
                       float eps);

}  // namespace bp
