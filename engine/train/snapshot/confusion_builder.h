#pragma once
// ConfusionBuilder: the confusion matrix of a classifier on the held-out split (validation, else
// test), at most kMaxSamples of it, for the training snapshots. Lives in the worker thread; keeps
// its own copy of those samples, so it does not depend on the splits outliving it. Recomputing
// costs one eval pass over the samples, so the worker asks for it at most about once a second
// and at the end of every epoch; in between the last matrix is shared.
#include <chrono>
#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp {

class ConfusionBuilder {
 public:
  static constexpr int64_t kMaxSamples = 2000;
  static constexpr int64_t kBatch = 256;
  static constexpr std::chrono::milliseconds kInterval{1000};

  // `loss`: the run's loss, which decides how the outputs read (engine/train/prediction.h).
  ConfusionBuilder(Model& model, const DatasetSplits& data, LossKind loss);

  bool enabled() const { return n_ > 0; }
  // The matrix for the model's current weights when `force` or when kInterval has passed since
  // the last one; otherwise the last one. Null when not enabled.
  std::shared_ptr<const ConfusionMatrix> matrix(Model& model, int64_t step, bool force);

 private:
  LossKind loss_;
  int64_t n_ = 0;
  int classes_ = 0;
  std::string split_;
  std::vector<std::string> class_names_;
  std::vector<int> labels_;                     // (n)
  std::shared_ptr<const SampleImages> images_;  // image data: the n samples
  Tensor x_;                                    // (n, sample...) on the backend
  std::vector<float> host_out_;
  std::shared_ptr<const ConfusionMatrix> last_;
  std::chrono::steady_clock::time_point last_time_{};
};

}  // namespace bp
