#pragma once
// LatentBuilder: finds a network's 2-unit bottleneck (a Linear layer of 2 outputs that is not the
// network's output, the narrowest such) and computes the 2-D codes of up to kMaxSamples held-out
// samples there, for the training snapshots. Like ConfusionBuilder it keeps its own copy of the
// samples and recomputes at most about once a second (or when forced: epoch ends, pauses).
#include <chrono>
#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/latent_codes.h"

namespace bp {

class LatentBuilder {
 public:
  static constexpr int64_t kMaxSamples = 1000;
  static constexpr std::chrono::milliseconds kInterval{1000};

  LatentBuilder(Model& model, const DatasetSplits& data);

  bool enabled() const { return node_ >= 0; }
  // Codes at the model's current weights when `force` or kInterval has passed; else the last.
  // Null when the network has no 2-unit bottleneck.
  std::shared_ptr<const LatentCodes> codes(Model& model, int64_t step, bool force);

  // The bottleneck node of `model`, or -1.
  static int bottleneck_node(const Model& model);

 private:
  int node_ = -1;
  LatentCodes template_;
  Tensor x_;  // (n, sample...) on the backend
  std::shared_ptr<const LatentCodes> last_;
  std::chrono::steady_clock::time_point last_time_{};
};

}  // namespace bp
