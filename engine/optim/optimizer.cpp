// make_optimizer, torch's defaults and torch's hyperparameter validation.
#include "engine/optim/optimizer.h"

#include <cmath>
#include <sstream>

#include "engine/core/error.h"
#include "engine/optim/adadelta.h"
#include "engine/optim/adagrad.h"
#include "engine/optim/adam.h"
#include "engine/optim/nadam.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/rmsprop.h"
#include "engine/optim/sgd.h"

namespace bp {
namespace {

const char* kind_name(OptimizerKind kind) {
  return optimizer_descriptor(kind).torch_name;
}

[[noreturn]] void invalid(OptimizerKind kind, const char* name, float value, const char* rule) {
  std::ostringstream msg;
  msg << kind_name(kind) << ": invalid " << name << " " << value << " (" << rule << ")";
  throw Error(msg.str());
}

void at_least_zero(OptimizerKind kind, const char* name, float value) {
  if (!(std::isfinite(value) && value >= 0.0f)) invalid(kind, name, value, "must be >= 0");
}
void in_unit_interval(OptimizerKind kind, const char* name, float value, bool include_one) {
  const bool ok =
      std::isfinite(value) && value >= 0.0f && (include_one ? value <= 1.0f : value < 1.0f);
  if (!ok) invalid(kind, name, value, include_one ? "must be in [0, 1]" : "must be in [0, 1)");
}

}  // namespace

OptimizerConfig default_optimizer_config(OptimizerKind kind) {
  // torch's defaults, from the kind's descriptor (engine/optim/optimizer_descriptor.cpp).
  OptimizerConfig c;
  c.kind = kind;
  for (const auto& p : optimizer_descriptor(kind).params) p.set(c, p.default_value);
  return c;
}

void validate_optimizer_config(const OptimizerConfig& c) {
  const OptimizerKind k = c.kind;
  at_least_zero(k, "lr", c.lr);
  at_least_zero(k, "weight_decay", c.weight_decay);
  switch (k) {
    case OptimizerKind::SGD:
      at_least_zero(k, "momentum", c.momentum);
      at_least_zero(k, "dampening", c.dampening);
      if (c.nesterov && (c.momentum <= 0.0f || c.dampening != 0.0f))
        throw Error("SGD: nesterov requires momentum > 0 and dampening = 0");
      break;
    case OptimizerKind::Adagrad:
      at_least_zero(k, "lr_decay", c.lr_decay);
      at_least_zero(k, "initial_accumulator_value", c.initial_accumulator_value);
      at_least_zero(k, "eps", c.eps);
      break;
    case OptimizerKind::Adadelta:
      in_unit_interval(k, "rho", c.rho, true);
      at_least_zero(k, "eps", c.eps);
      break;
    case OptimizerKind::RMSprop:
      at_least_zero(k, "eps", c.eps);
      at_least_zero(k, "momentum", c.momentum);
      at_least_zero(k, "alpha", c.alpha);
      break;
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
    case OptimizerKind::NAdam:
      at_least_zero(k, "eps", c.eps);
      in_unit_interval(k, "beta1", c.beta1, false);
      in_unit_interval(k, "beta2", c.beta2, false);
      if (k == OptimizerKind::NAdam) at_least_zero(k, "momentum_decay", c.momentum_decay);
      break;
    case OptimizerKind::LBFGS:
      if (c.max_iter < 1) invalid(k, "max_iter", static_cast<float>(c.max_iter), "must be >= 1");
      if (c.history_size < 1)
        invalid(k, "history_size", static_cast<float>(c.history_size), "must be >= 1");
      break;
  }
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& config) {
  validate_optimizer_config(config);
  switch (config.kind) {
    case OptimizerKind::SGD:
      return std::make_unique<SGD>(config);
    case OptimizerKind::Adagrad:
      return std::make_unique<Adagrad>(config);
    case OptimizerKind::Adadelta:
      return std::make_unique<Adadelta>(config);
    case OptimizerKind::RMSprop:
      return std::make_unique<RMSprop>(config);
    case OptimizerKind::Adam:
      return std::make_unique<Adam>(config, false);
    case OptimizerKind::AdamW:
      return std::make_unique<Adam>(config, true);
    case OptimizerKind::NAdam:
      return std::make_unique<NAdam>(config);
    case OptimizerKind::LBFGS:
      throw Error(
          "LBFGS needs a closure that re-evaluates the loss: use bp::LBFGS "
          "(engine/optim/lbfgs.h) with full-batch training");
  }
  throw Error("unknown optimizer kind");
}

}  // namespace bp
