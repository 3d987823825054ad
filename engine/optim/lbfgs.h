#pragma once
// torch.optim.LBFGS (Liu & Nocedal 1989; torch's port of minFunc) without line search: each
// step() runs up to max_iter iterations of the two-loop recursion with a fixed step lr (the
// first iteration of a run scales it by min(1, 1 / sum|g|)), re-evaluating the loss and the
// gradients through the closure. Full-batch: the closure must see the same data every time.
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/graph/parameter_store.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/state_layout.h"

namespace bp {

struct LbfgsConfig {
  float lr = 1.0f;
  int max_iter = 20;
  int max_eval = 0;  // 0: torch's default max_iter * 5 / 4
  float tolerance_grad = 1e-7f;
  float tolerance_change = 1e-9f;
  int history_size = 100;
};

class LBFGS {
 public:
  // Throws bp::Error naming an invalid setting.
  explicit LBFGS(const LbfgsConfig& config);
  // lr, max_iter and history_size from an OptimizerConfig of kind LBFGS.
  explicit LBFGS(const OptimizerConfig& config);

  // `closure` zeroes the gradients, recomputes the loss and the gradients into params.grads(),
  // and returns the loss. Returns the loss of the first evaluation (as torch).
  double step(Backend& backend, ParameterStore& params, const std::function<double()>& closure);
  void reset();
  // Host copy of the whole state (directions, history, scalars) and back; load throws
  // bp::Error for a state of another kind or parameter layout (nothing changes then).
  OptimizerState state_dict(Backend& backend);
  void load_state_dict(Backend& backend, const ParameterStore& params, const OptimizerState& state);
  float lr() const { return config_.lr; }
  void set_lr(float lr) { config_.lr = lr; }
  int64_t iterations() const { return n_iter_; }
  int64_t function_evaluations() const { return func_evals_; }

 private:
  LbfgsConfig config_;
  StateLayout layout_;
  Tensor d_, prev_flat_grad_, q_;            // (P) each
  std::vector<Tensor> old_dirs_, old_stps_;  // (P) each, oldest first, at most history_size
  std::vector<double> ro_, al_;
  double t_ = 0.0, h_diag_ = 1.0, prev_loss_ = 0.0;
  bool has_d_ = false;
  int64_t n_iter_ = 0, func_evals_ = 0;
};

}  // namespace bp
