#pragma once
// TrainingSnapshot: an owned, immutable copy of what the views draw, built from a model by
// SnapshotBuilder / ConfusionBuilder and sent from the training worker to the GUI thread as
// std::shared_ptr<const TrainingSnapshot> (at most ~30 per second). Nothing in it points into
// live training state. Plain C++: the CLI and the tests use it too; ui/training/
// training_snapshot.h adds only the Qt metatype glue.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/backend/types.h"
#include "engine/data/dataset.h"
#include "engine/train/health/health_finding.h"
#include "engine/train/snapshot/insight_types.h"
#include "engine/train/snapshot/latent_codes.h"
#include "engine/train/train_state.h"  // EpochRecord, TrainState

namespace bp {

using WeightMap = std::map<std::string, std::vector<float>>;

// The data points of a 2-D dataset (the first two features), shared by all snapshots of a run.
struct PlotPoints {
  TaskKind task = TaskKind::Classification;
  int num_classes = 2;
  std::vector<float> train_xy;                                     // (N, 2)
  std::vector<float> train_target;                                 // (N)
  std::vector<float> test_xy;                                      // (M, 2)
  std::vector<float> test_target;                                  // (M)
  float x_min = -6.0f, x_max = 6.0f, y_min = -6.0f, y_max = 6.0f;  // the plotted plane
  float target_min = 0.0f, target_max = 1.0f;                      // regression colour range
};

// The data points of a 1-D regression dataset and the x values the network's function is drawn
// at (the fitted-curve view), shared by all snapshots of a run.
struct CurvePoints {
  std::vector<float> train_x, train_y;  // (N), (N)
  std::vector<float> test_x, test_y;    // (M), (M)
  std::vector<float> grid_x;            // (G) ascending, the data's range with a margin
  float y_min = -1.0f, y_max = 1.0f;    // the targets' range with a margin
};

// A few image samples for the dataset preview (image data only).
struct SampleImages {
  int channels = 1, height = 0, width = 0;
  std::vector<float> pixels;  // (K, C, H, W)
  std::vector<int> labels;    // (K)
  std::vector<std::string> class_names;
  // The normalization the dataset applied per channel, x' = (x - mean) / std (empty: none): how a
  // raw image in [0, 1] (a drawing) becomes a network input.
  std::vector<float> input_mean, input_std;
};

// Model outputs over a width x height grid of the plane; row 0 is the top (y_max).
struct PlaneGrid {
  int width = 0, height = 0;
  int outputs = 0;  // model output units
  LossKind loss = LossKind::CrossEntropyLoss;
  std::vector<float> values;  // (height * width, outputs), raw model outputs
};

// One dense layer's units over the plane (for the neuron view).
struct LayerGrid {
  int node_id = 0;            // the Linear (or Input: -1 for the input features) node
  std::string name;           // "linear1" / "input"
  int units = 0;              // all units of the layer
  int shown = 0;              // units with a grid here (at most 16)
  std::vector<float> values;  // (shown, height * width)
};

// One image-shaped node output (C, H, W per sample) of the feature-map view.
struct FeatureMapLayer {
  int node_id = 0;
  std::string name;  // "conv1"
  std::string kind;  // "Conv2d", "ReLU", "MaxPool2d", ...
  int channels = 0, height = 0, width = 0;
  int shown = 0;              // channels copied (at most SnapshotBuilder::kMaxMapsShown)
  std::vector<float> values;  // (samples, shown, height, width)
};

// A Conv2d layer's weights for the kernel view.
struct ConvKernels {
  int node_id = 0;
  std::string name;
  int out_channels = 0, in_channels = 0, kernel_h = 0, kernel_w = 0;
  std::vector<float> values;  // (out_channels, in_channels, kernel_h, kernel_w)
};

// A few fixed held-out images passed through the network: every image-shaped activation, the
// outputs, and the convolution kernels (image data with an image-shaped input only).
struct FeatureMaps {
  int samples = 0, channels = 1, height = 0, width = 0;
  std::vector<float> inputs;  // (samples, channels, height, width), as fed to the network
  // The dataset's per-channel normalization of `inputs` (Dataset::input_mean/input_std; empty:
  // none): views show the images in their original colours, x * std + mean.
  std::vector<float> input_mean, input_std;
  std::vector<int> labels;  // (samples)
  std::vector<std::string> class_names;
  LossKind loss = LossKind::CrossEntropyLoss;
  int outputs = 0;
  std::vector<float> output_values;  // (samples, outputs), raw model outputs
  // |d score / d pixel|, the largest over the channels, where score is the predicted class's raw
  // output (the output itself for one output unit): which pixels the decision is most
  // sensitive to (Simonyan et al., 2013). Empty when not computed.
  std::vector<float> saliency;          // (samples, height, width)
  std::vector<FeatureMapLayer> layers;  // topological order
  std::vector<ConvKernels> kernels;
};

// Predictions on the held-out split against the true classes (classification only).
struct ConfusionMatrix {
  int classes = 0;
  std::string split;  // "validation" or "test"
  int64_t samples = 0;
  int64_t step = 0;             // global step of the weights it was computed with
  std::vector<int64_t> counts;  // (classes, classes): row = true class, column = predicted
  std::vector<std::string> class_names;
  // Per sample (samples): the true and the predicted class and the predicted class's probability
  // (engine/train/image_predictor.h), for a cell's samples and the most confidently wrong ones.
  std::vector<int> truth, predicted;
  std::vector<float> confidence;
  // Image data only (else null): the samples as fed to the network (pixels (samples, C, H, W),
  // labels, class names, the normalization to undo), shared by every matrix of a run.
  std::shared_ptr<const SampleImages> images;
};

struct TrainingSnapshot {
  int64_t step = 0;  // global step (across runs continued from the same weights)
  int epoch = 0;     // completed epochs
  int64_t steps_per_epoch = 1;
  float lr = 0.0f;
  double samples_per_second = 0.0;
  std::vector<float> step_losses;   // mini-batch losses since the previous snapshot
  int64_t first_loss_step = 0;      // global step of step_losses[0]
  std::vector<EpochRecord> epochs;  // epochs finished since the previous snapshot
  WeightMap weights;                // host copy by parameter name
  // How training stood at these weights (optimizer, schedule, counters, random streams,
  // history): weights + train_state are a checkpoint the document keeps.
  std::shared_ptr<const TrainState> train_state;
  std::shared_ptr<const PlotPoints> points;         // 2-D data only, else null
  std::shared_ptr<const SampleImages> images;       // image data only, else null
  PlaneGrid grid;                                   // 2-D data only (width 0 otherwise)
  std::vector<LayerGrid> layers;                    // input + dense layers, for a dense 2-D net
  std::shared_ptr<const FeatureMaps> feature_maps;  // image nets only, else null
  std::shared_ptr<const CurvePoints> curve_points;  // 1-D regression only, else null
  std::vector<float> curve_y;  // (G) the network's output at curve_points->grid_x
  std::shared_ptr<const ConfusionMatrix> confusion;  // classification only, else null
  std::shared_ptr<const LatentCodes> latent;         // a net with a 2-unit bottleneck, else null
  std::string backend;                               // "CPU (Eigen, 1 thread)"
  // Inside the network (InsightBuilder), each only when an open view or the health monitor asked
  // for it, else null.
  std::shared_ptr<const GradientSnapshot> gradients;  // norms, update ratios (+ values)
  std::shared_ptr<const Distributions> distributions;
  std::shared_ptr<const ActivityProbe> activity;        // dead / saturated units
  std::shared_ptr<const ClassAttribution> attribution;  // image nets: saliency + Grad-CAM
  std::shared_ptr<const HealthReport> health;           // active findings
};

using SnapshotPtr = std::shared_ptr<const TrainingSnapshot>;

}  // namespace bp
