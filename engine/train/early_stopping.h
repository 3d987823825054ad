#pragma once
// Early stopping on a validation metric (lower is better), keeping a copy of the best weights.
#include "engine/backend/backend.h"
#include "engine/graph/parameter_store.h"
#include "engine/optim/regularization.h"

namespace bp {

class EarlyStopping {
 public:
  explicit EarlyStopping(const EarlyStoppingConfig& config);
  // Records the epoch's validation loss; returns true when training should stop now.
  bool observe(int epoch, double validation_loss, Backend& backend, const ParameterStore& params);
  void restore_best(Backend& backend, ParameterStore& params) const;
  int best_epoch() const;
  double best_loss() const;

 private:
  EarlyStoppingConfig config_;
  int best_epoch_ = 0;
  double best_loss_ = 0.0;
  int bad_epochs_ = 0;
  Tensor best_values_, best_buffers_;
};

}  // namespace bp
