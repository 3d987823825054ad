#pragma once
// What the "inside the network" views draw, as owned copies in a TrainingSnapshot: gradient
// norms and update ratios by parameter, the gradients themselves (heatmaps), histograms per
// layer, which units are dead or saturated, and saliency / Grad-CAM for a chosen class. Built by
// InsightBuilder only when a view (or the health monitor) asks for it.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/backend/types.h"
#include "engine/graph/network_spec.h"
#include "engine/train/snapshot/histogram.h"

namespace bp {

// What to compute inside the network for a snapshot (the union of what the open views need).
struct InsightRequest {
  bool gradients = false;        // norms and update ratios (gradient flow, health)
  bool gradient_values = false;  // the gradients themselves (heatmaps)
  bool distributions = false;    // histograms of weights, gradients and activations
  bool activity = false;         // dead / saturated units (health, the neuron view)
  bool attribution = false;      // saliency + Grad-CAM for attribution_class (image nets)
  int attribution_class = -1;    // -1: each sample's predicted class

  bool any() const {
    return gradients || gradient_values || distributions || activity || attribution;
  }
  static InsightRequest everything() { return {true, true, true, true, true, -1}; }
  // The union of two requests (the class of the one that asks for an attribution).
  InsightRequest merged(const InsightRequest& o) const {
    return {
        gradients || o.gradients,         gradient_values || o.gradient_values,
        distributions || o.distributions, activity || o.activity,
        attribution || o.attribution,     attribution ? attribution_class : o.attribution_class};
  }
  bool operator==(const InsightRequest&) const = default;
};

// One trainable parameter's gradient at a step.
struct ParamGradient {
  std::string name;   // "fc1.weight"
  std::string layer;  // "fc1"
  int node_id = 0;
  NodeKind node_kind = NodeKind::Linear;
  std::vector<int64_t> shape;  // PyTorch layout: Linear (out, in), Conv2d (out, in, kh, kw)
  double grad_norm = 0.0;      // L2 norm of the gradient of the last step
  double weight_norm = 0.0;    // L2 norm of the weights
  // ||w_now - w_then|| / ||w_then|| / steps between the previous gradient snapshot and this one:
  // the mean relative update per step (exact for consecutive steps). -1 when unknown (first).
  double update_ratio = -1.0;
  // ||w_now|| / ||w_then|| over the same span; -1 when unknown.
  double weight_growth = -1.0;
  std::vector<float> grad;  // the gradient values (shape), only when heatmaps were asked for
  bool is_weight() const { return shape.size() >= 2; }
};

struct GradientSnapshot {
  int64_t step = 0;
  std::vector<ParamGradient> params;  // the model's parameter order (input side first)
  // Root mean square of the gradient of the first and the last weight (rank >= 2) parameter.
  double first_rms = 0.0, last_rms = 0.0;
  bool all_zero = false;  // every gradient is exactly zero
};

enum class TensorRole : uint8_t { Weight, Gradient, Activation };

struct LayerHistogram {
  std::string name;  // parameter name ("fc1.weight") or node name for activations ("fc1")
  TensorRole role = TensorRole::Weight;
  Histogram histogram;
};

struct Distributions {
  int64_t step = 0;
  std::vector<LayerHistogram> layers;  // weights and gradients by parameter, activations by node
};

// Units of one activation-function node (a Linear with an activation, an Activation node) on the
// held-out probe batch. A unit is a feature of a dense output and a channel of an image output.
struct UnitActivity {
  int node_id = 0;
  std::string name;  // "fc1"
  Activation activation = Activation::ReLU;
  int units = 0;
  int64_t samples = 0;
  // ReLU family: a unit is dead when it is zero on every sample (position) of the batch.
  std::vector<uint8_t> dead;  // (units) 1 = never active
  double dead_fraction = 0.0;
  // Sigmoid / Tanh: a unit is saturated when 95 % of its outputs are within 1 % of the ends.
  std::vector<uint8_t> saturated;  // (units)
  double saturated_fraction = 0.0;
};

struct ActivityProbe {
  int64_t step = 0;
  int64_t samples = 0;  // held-out samples the probe ran on
  std::vector<UnitActivity> layers;
};

// Saliency and Grad-CAM of the feature-map samples for a chosen class.
struct ClassAttribution {
  int target_class = -1;  // the class asked for; -1: each sample's predicted class
  int samples = 0, height = 0, width = 0;
  std::vector<int> classes;     // (samples) the class each map explains
  std::vector<float> saliency;  // (samples, height, width) max over channels of |d score/d x|
  // Grad-CAM (Selvaraju et al., 2017) at the output of the last Conv2d layer:
  // relu(sum_k alpha_k A_k), alpha_k = mean over positions of d score / d A_k.
  std::string cam_layer;  // "" when the network has no Conv2d layer
  int cam_height = 0, cam_width = 0;
  std::vector<float> gradcam;  // (samples, cam_height, cam_width)
};

}  // namespace bp
