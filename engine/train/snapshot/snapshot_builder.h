#pragma once
// SnapshotBuilder: evaluates a model over the 2-D input plane (the decision grid and every dense
// unit's output) into owned host buffers. Lives in the worker thread; all memory is allocated
// once per run.
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/dense_layout.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp {

class SnapshotBuilder {
 public:
  static constexpr int kGridSize = 100;  // cells per side of the decision grid
  static constexpr int kMaxUnitsShown = 16;
  // A layer up to this many times wider than the units drawn, or whose grid activations take
  // at most kWholeDownloadBytes, is downloaded whole (one copy); a wider one only its drawn
  // units (one small copy per grid cell: cheap on the CPU, and fewer bytes than the whole layer
  // on a GPU once the layer is this large).
  static constexpr int kWholeDownloadFactor = 4;
  static constexpr int64_t kWholeDownloadBytes = int64_t{16} << 20;
  static constexpr int kFeatureMapSamples = 8;  // held-out images shown in the feature-map view
  static constexpr int kMaxMapsShown = 32;      // channels per layer

  // `data` must be the loaded splits of `spec`; `loss` is the run's loss (how its outputs read,
  // engine/train/prediction.h). Plane work is enabled only for 2-D toy data and 2-column CSVs.
  SnapshotBuilder(Model& model, const DatasetSpec& spec, const DatasetSplits& data, LossKind loss);

  bool hasPlane() const { return points_ != nullptr; }
  std::shared_ptr<const PlotPoints> points() const { return points_; }
  std::shared_ptr<const SampleImages> images() const { return images_; }
  // Runs the grid forward pass (eval mode) and fills s.grid and s.layers.
  void fillPlane(Model& model, TrainingSnapshot& s);
  bool hasFeatureMaps() const { return !map_nodes_.empty(); }
  // Runs the feature-map samples forward (eval mode) and fills s.feature_maps.
  // Needs s.weights filled first.
  void fillFeatureMaps(Model& model, TrainingSnapshot& s);

 private:
  void prepareFeatureMaps(Model& model, const DatasetSplits& data);
  // After fillFeatureMaps' forward pass: fills f.saliency.
  void fillSaliency(Model& model, FeatureMaps& f);

  std::shared_ptr<const PlotPoints> points_;
  std::shared_ptr<const SampleImages> images_;
  std::vector<DenseLayer> layers_;
  std::vector<float> host_grid_;  // (G*G, d) input features of the grid cells
  Tensor grid_input_;             // same, on the backend
  std::vector<float> download_;   // scratch for activations
  // feature maps: the fixed samples (host and backend) and the image-shaped nodes
  FeatureMaps map_template_;
  Tensor map_input_;
  struct MapNode {
    int node_id;
    std::string name, kind;
    Shape shape;  // (C, H, W)
  };
  std::vector<MapNode> map_nodes_;
  std::vector<ConvKernels> kernel_template_;
  Tensor saliency_seed_;  // (samples, outputs) one-hot gradient for the saliency pass
  LossKind loss_;
};

}  // namespace bp
