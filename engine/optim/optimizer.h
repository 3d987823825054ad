#pragma once
// torch.optim's optimizers over a model's flat ParameterStore. State is keyed by parameter name
// and reset when the network changes; the learning rate can change between steps without losing
// state. Update equations: docs/optimizers.md.
#include <cstdint>
#include <memory>
#include <string>

#include "engine/backend/backend.h"
#include "engine/graph/parameter_store.h"
#include "engine/optim/optimizer_state.h"
#include "engine/optim/state_layout.h"

namespace bp {

// Every optimizer's hyperparameters with torch's names and defaults; each kind reads its own.
struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::SGD;
  float lr = 0.01f;
  float weight_decay =
      0.0f;  // L2-style (coupled) for all but AdamW (decoupled; torch default 1e-2)
  // SGD / RMSprop
  float momentum = 0.0f;
  float dampening = 0.0f;
  bool nesterov = false;
  // Adam / AdamW / NAdam
  float beta1 = 0.9f, beta2 = 0.999f;
  float eps = 1e-8f;  // Adam family, Adagrad (1e-10 in torch), RMSprop, Adadelta (1e-6)
  bool amsgrad = false;
  float momentum_decay = 4e-3f;  // NAdam
  // Adagrad
  float lr_decay = 0.0f;
  float initial_accumulator_value = 0.0f;
  // Adadelta
  float rho = 0.9f;
  // RMSprop
  float alpha = 0.99f;
  bool centered = false;
  // LBFGS (full-batch)
  int max_iter = 20;
  int history_size = 100;

  bool operator==(const OptimizerConfig&) const = default;
};

// torch's default config for a kind (e.g. Adam lr 1e-3, Adadelta lr 1.0 eps 1e-6).
OptimizerConfig default_optimizer_config(OptimizerKind kind);

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  virtual OptimizerKind kind() const = 0;
  // One update of every trainable parameter from params.grads().
  virtual void step(Backend& backend, ParameterStore& params) = 0;
  // Drops all state (momentum buffers, moments, step counts).
  void reset();
  float lr() const { return lr_; }
  void set_lr(float lr) { lr_ = lr; }
  int64_t steps() const { return steps_; }

  // A host copy of the state (empty tensors before the first step).
  OptimizerState state_dict(Backend& backend);
  // Continues from `state`: the next step() is the one that would have followed it. Throws
  // bp::Error when the state belongs to another optimizer kind or another parameter layout
  // (nothing changes then).
  void load_state_dict(Backend& backend, const ParameterStore& params, const OptimizerState& state);

 protected:
  // The state tensors by torch's names ("exp_avg", "momentum_buffer"); undefined ones are not
  // saved, and absent ones load as undefined.
  virtual std::vector<std::pair<std::string, Tensor*>> state_tensors() = 0;
  virtual void save_scalars(std::map<std::string, double>& /*out*/) const {}
  virtual void load_scalars(const std::map<std::string, double>& /*in*/) {}
  // Drops the state when the parameter layout changed since the last step (as a fresh torch
  // optimizer would start); returns true then.
  bool drop_state_if_layout_changed(const ParameterStore& params);

  float lr_ = 0.01f;
  int64_t steps_ = 0;
  StateLayout layout_;
};

// Throws bp::Error for LBFGS (it needs a closure: see engine/optim/lbfgs.h) and invalid values
// (negative lr, betas outside [0, 1), ...), naming the hyperparameter.
std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config);
// Whether `state` can continue an optimizer built from `config`: the same kind and the same
// variant where the variant decides which buffers exist (Adam's amsgrad, RMSprop's centered and
// momentum). Other hyperparameters may change: their buffers carry over, as in torch when a
// param group's settings are edited.
bool optimizer_state_fits(const OptimizerConfig& config, const OptimizerState& state);
// The checks make_optimizer runs (throws bp::Error naming the hyperparameter).
void validate_optimizer_config(const OptimizerConfig& config);

}  // namespace bp
