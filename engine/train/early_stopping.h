#pragma once
// Early stopping on a validation metric (lower is better), keeping a copy of the best weights.
#include <vector>

#include "engine/backend/backend.h"
#include "engine/graph/parameter_store.h"
#include "engine/optim/regularization.h"

namespace bp {

// Where early stopping stands, with host copies of the best weights and buffers so far.
struct EarlyStoppingState {
  int best_epoch = 0;
  double best_loss = 0.0;
  int bad_epochs = 0;
  bool has_best = false;
  std::vector<float> best_values, best_buffers;  // (P), (B)

  bool operator==(const EarlyStoppingState&) const = default;
};

class EarlyStopping {
 public:
  explicit EarlyStopping(const EarlyStoppingConfig& config);
  // Records the epoch's validation loss; snapshots weights and buffers when it beats the best by
  // more than min_delta (the first finite loss always does). Returns true when training should
  // stop now: `patience` epochs in a row without such an improvement.
  bool observe(int epoch, double validation_loss, Backend& backend, const ParameterStore& params);
  // Copies the best epoch's weights and buffers back (no-op before the first observe).
  void restore_best(Backend& backend, ParameterStore& params) const;
  int best_epoch() const;
  double best_loss() const;
  EarlyStoppingState state(Backend& backend) const;
  void load_state(Backend& backend, const EarlyStoppingState& state);

 private:
  EarlyStoppingConfig config_;
  int best_epoch_ = 0;
  double best_loss_ = 0.0;
  int bad_epochs_ = 0;
  bool has_best_ = false;
  Tensor best_values_, best_buffers_;
};

}  // namespace bp
