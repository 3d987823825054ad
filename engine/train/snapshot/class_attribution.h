#pragma once
// Saliency and Grad-CAM for a chosen class: which pixels, and which regions of the last
// convolution's feature maps, raise that class's score. One eval forward and one backward from a
// one-hot gradient on the class's raw output; PyTorch fixtures check both
// (tests/reference/make_attribution_fixtures.py).
#include "engine/core/tensor.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/insight_types.h"

namespace bp {

// x: (N, C, H, W) on the model's backend. target_class: the class to explain for every sample,
// or -1 for each sample's predicted class (engine/train/prediction.h). A single-output model
// explains its one output. Leaves parameter gradients behind (the trainer zeroes them at every
// step) and the model in the state of this forward. Throws bp::Error for a class out of range.
ClassAttribution attribute_class(Model& model, const Tensor& x, LossKind loss, int target_class);

// The last Conv2d node in topological order whose output is image-shaped, or -1.
int last_conv_node(const Model& model);

}  // namespace bp
