#include "engine/train/early_stopping.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/optim/optimizer_state.h"

namespace bp {
namespace {

// Copies every entry of `params` (trainable ones into values, buffers into buffers) at the same
// offsets, or back. Works on const stores through the per-entry views.
void copy_entries(Backend& backend, const ParameterStore& params, Tensor& values, Tensor& buffers,
                  bool to_snapshot) {
  for (const auto& e : params.entries()) {
    Tensor live = params.value(e);
    Tensor& store = e.decl.trainable ? values : buffers;
    Tensor snap = store.slice_flat(e.offset, e.decl.shape);
    if (to_snapshot)
      backend.memory().copy(live, snap);
    else
      backend.memory().copy(snap, live);
  }
}

}  // namespace

EarlyStopping::EarlyStopping(const EarlyStoppingConfig& config) : config_(config) {
  if (config_.patience < 0) throw Error("early stopping: patience must be >= 0");
  if (!(config_.min_delta >= 0.0f)) throw Error("early stopping: min_delta must be >= 0");
}

bool EarlyStopping::observe(int epoch, double validation_loss, Backend& backend,
                            const ParameterStore& params) {
  const bool improved =
      std::isfinite(validation_loss) &&
      (!has_best_ || validation_loss < best_loss_ - static_cast<double>(config_.min_delta));
  if (improved) {
    best_loss_ = validation_loss;
    best_epoch_ = epoch;
    has_best_ = true;
    bad_epochs_ = 0;
    int64_t p = 0, b = 0;
    for (const auto& e : params.entries()) (e.decl.trainable ? p : b) += e.decl.shape.numel();
    if (!best_values_.defined() || best_values_.numel() != p)
      best_values_ = backend.memory().empty({p});
    if (!best_buffers_.defined() || best_buffers_.numel() != b)
      best_buffers_ = backend.memory().empty({b});
    copy_entries(backend, params, best_values_, best_buffers_, true);
    return false;
  }
  ++bad_epochs_;
  return bad_epochs_ >= config_.patience;
}

void EarlyStopping::restore_best(Backend& backend, ParameterStore& params) const {
  if (!has_best_) return;  // nothing recorded yet
  int64_t p = 0, b = 0;
  for (const auto& e : params.entries()) (e.decl.trainable ? p : b) += e.decl.shape.numel();
  if (p != best_values_.numel() || b != best_buffers_.numel())
    throw Error("early stopping: the network changed since the best weights were saved");
  Tensor values = best_values_, buffers = best_buffers_;
  copy_entries(backend, params, values, buffers, false);
}

int EarlyStopping::best_epoch() const {
  return best_epoch_;
}
double EarlyStopping::best_loss() const {
  return best_loss_;
}

EarlyStoppingState EarlyStopping::state(Backend& backend) const {
  EarlyStoppingState s{best_epoch_, best_loss_, bad_epochs_, has_best_, {}, {}};
  if (best_values_.defined()) s.best_values = download_vector(backend, best_values_);
  if (best_buffers_.defined()) s.best_buffers = download_vector(backend, best_buffers_);
  return s;
}

void EarlyStopping::load_state(Backend& backend, const EarlyStoppingState& s) {
  best_epoch_ = s.best_epoch;
  best_loss_ = s.best_loss;
  bad_epochs_ = s.bad_epochs;
  has_best_ = s.has_best;
  best_values_ = s.has_best ? upload_vector(backend, s.best_values) : Tensor();
  best_buffers_ = s.has_best ? upload_vector(backend, s.best_buffers) : Tensor();
}

}  // namespace bp
