#pragma once
// InsightBuilder: the "inside the network" data of a snapshot (insight_types.h), computed from a
// model only when asked (InsightRequest: what the open views and the health monitor need), from
// the training step's leftovers and a fixed held-out probe batch in eval mode. It never changes
// what training does next: it reads the gradients the last step left, and its forward/backward
// passes run in eval mode on its own batch (the trainer zeroes gradients at every step).
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/insight_types.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp {

class InsightBuilder {
 public:
  static constexpr int kProbeSamples = 256;       // held-out samples for activations, at most
  static constexpr int64_t kProbeValues = 65536;  // ... and input values (64 images of 28 x 28)
  static constexpr int kAttributionSamples = 8;   // the feature-map samples
  static constexpr int kHistogramBins = 40;

  // `data` must outlive nothing: the probe batch is copied. The held-out split is validation,
  // else test, else train (its first samples).
  InsightBuilder(Model& model, const DatasetSplits& data, LossKind loss);

  // The gradients the last training step left in the model: call after Trainer::step() and
  // before any other backward pass (attribution() runs one). `values`: copy the gradients too.
  std::shared_ptr<const GradientSnapshot> gradients(Model& model, int64_t step, bool values);
  // The gradients of the loss on the probe batch (eval mode, no update), for a model that has not
  // taken a step yet: what the initialization alone does to the gradients of each layer (step 0).
  // Zeroes the parameter gradients afterwards. Null when the probe's targets do not fit the loss.
  std::shared_ptr<const GradientSnapshot> probe_gradients(Model& model, int64_t step,
                                                          const LossParams& params, bool values);
  // Runs the probe batch forward (eval) and classifies each activation node's units; fills
  // `activations` (when given) with a histogram of every node output.
  std::shared_ptr<const ActivityProbe> activity(Model& model, int64_t step,
                                                std::vector<LayerHistogram>* activations);
  // Weights and gradients by parameter (call before attribution(), like gradients()).
  std::vector<LayerHistogram> parameter_histograms(Model& model);
  // Saliency and Grad-CAM on the first kAttributionSamples held-out images (image nets only).
  std::shared_ptr<const ClassAttribution> attribution(Model& model, int target_class);
  // Everything `request` asks for into s (gradients, distributions, activity, attribution), in
  // the order that keeps the step's gradients intact: call it before other snapshot work that
  // runs a backward pass (SnapshotBuilder::fillFeatureMaps' saliency).
  void fill(Model& model, int64_t step, const InsightRequest& request, TrainingSnapshot& s);
  bool hasImages() const { return image_count_ > 0; }
  LossKind loss() const { return loss_; }

 private:
  void download_params(Model& model);

  LossKind loss_;
  Tensor probe_;                      // (probe, input...) on the model's backend
  Tensor probe_target_, probe_dout_;  // the probe's encoded targets; d loss / d outputs
  bool probe_targets_ok_ = false;
  int64_t probe_count_ = 0;
  int image_count_ = 0;
  std::vector<float> values_, grads_, scratch_;  // host copies of the flat buffers
  std::vector<float> previous_;                  // weights at the previous gradient snapshot
  int64_t previous_step_ = -1;
};

}  // namespace bp
