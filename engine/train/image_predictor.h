#pragma once
// ImagePredictor: one image through a network with given weights, on its own CPU backend, for
// the drawing pad: raw pixels in [0, 1] are normalized as the dataset was, then the outputs, the
// class probabilities and the predicted class (engine/train/prediction.h) come out exactly as
// `backprop evaluate` computes them for the same pixels; saliency and Grad-CAM too.
#include <memory>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/insight_types.h"
#include "engine/train/snapshot/training_snapshot.h"  // WeightMap

namespace bp {

// Probabilities from one sample's raw outputs: softmax for CrossEntropyLoss; for one output,
// (1 - p, p) with p = sigmoid (BCEWithLogitsLoss) or the output clamped to [0, 1]; for other
// losses with several outputs, the outputs shifted and scaled to sum to 1 (a display, not a
// probability).
std::vector<float> class_probabilities(LossKind loss, const float* out, int outputs);

class ImagePredictor {
 public:
  // Throws bp::Error when the network is invalid, takes no (C, H, W) input, or the weights do
  // not fit it.
  ImagePredictor(const NetworkSpec& network, const WeightMap& weights, LossKind loss);

  // New weights for the same network (a newer snapshot).
  void set_weights(const WeightMap& weights);
  // raw: (C, H, W) pixels in [0, 1]; mean/std per channel (empty: used as they are).
  // Returns the raw outputs (outputs()).
  const std::vector<float>& predict(const std::vector<float>& raw, const std::vector<float>& mean,
                                    const std::vector<float>& std_dev);
  const std::vector<float>& outputs() const { return outputs_; }
  std::vector<float> probabilities() const;
  int predicted() const;
  // The last predicted image's Conv2d outputs (the feature maps), at most `max_channels` each.
  std::vector<FeatureMapLayer> feature_maps(int max_channels);
  // Saliency and Grad-CAM of the last predicted image for `target_class` (-1: the predicted).
  ClassAttribution attribution(int target_class);
  Shape input_shape() const { return model_->input_shape(); }

 private:
  CpuBackend backend_;
  std::unique_ptr<Model> model_;
  LossKind loss_;
  Tensor input_;  // (1, C, H, W)
  std::vector<float> outputs_;
};

}  // namespace bp
