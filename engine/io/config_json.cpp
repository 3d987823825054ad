// The "training" section (TrainConfig).
#include <algorithm>

#include "engine/graph/names.h"
#include "engine/io/config_names.h"
#include "engine/io/project_parts.h"
#include "engine/optim/optimizer.h"

namespace bp::io {
namespace {

template <class E>
std::vector<std::string> names_of(const std::vector<E>& all) {
  std::vector<std::string> out;
  for (E e : all) out.push_back(to_string(e));
  return out;
}

// ---- optimizer: {"kind": "Adam", "lr": 0.001, "betas": [0.9, 0.999], ...} ----

const std::vector<std::string> kOptimizerKeys{
    "kind",  "lr",    "weight_decay", "momentum",       "dampening",   "nesterov",
    "betas", "eps",   "amsgrad",      "momentum_decay", "lr_decay",    "initial_accumulator_value",
    "rho",   "alpha", "centered",     "max_iter",       "history_size"};

// The keys each optimizer uses (always written); others are written only when changed.
std::vector<std::string> optimizer_keys(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::SGD:
      return {"kind", "lr", "momentum", "dampening", "nesterov", "weight_decay"};
    case OptimizerKind::Adagrad:
      return {"kind", "lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"};
    case OptimizerKind::Adadelta:
      return {"kind", "lr", "rho", "eps", "weight_decay"};
    case OptimizerKind::RMSprop:
      return {"kind", "lr", "alpha", "eps", "weight_decay", "momentum", "centered"};
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
      return {"kind", "lr", "betas", "eps", "weight_decay", "amsgrad"};
    case OptimizerKind::NAdam:
      return {"kind", "lr", "betas", "eps", "weight_decay", "momentum_decay"};
    case OptimizerKind::LBFGS:
      return {"kind", "lr", "max_iter", "history_size"};
  }
  return {"kind", "lr"};
}

json optimizer_to_json(const OptimizerConfig& c) {
  const OptimizerConfig d = file_default_optimizer(c.kind);
  const auto used = optimizer_keys(c.kind);
  json j = json::object();
  for (const auto& k : kOptimizerKeys) {
    const bool always = std::find(used.begin(), used.end(), k) != used.end();
    auto put = [&](bool changed, json v) {
      if (always || changed) j[k] = std::move(v);
    };
    if (k == "kind") put(true, to_string(c.kind));
    if (k == "lr") put(c.lr != d.lr, float_value(c.lr));
    if (k == "weight_decay") put(c.weight_decay != d.weight_decay, float_value(c.weight_decay));
    if (k == "momentum") put(c.momentum != d.momentum, float_value(c.momentum));
    if (k == "dampening") put(c.dampening != d.dampening, float_value(c.dampening));
    if (k == "nesterov") put(c.nesterov != d.nesterov, c.nesterov);
    if (k == "betas")
      put(c.beta1 != d.beta1 || c.beta2 != d.beta2,
          json::array({float_value(c.beta1), float_value(c.beta2)}));
    if (k == "eps") put(c.eps != d.eps, float_value(c.eps));
    if (k == "amsgrad") put(c.amsgrad != d.amsgrad, c.amsgrad);
    if (k == "momentum_decay")
      put(c.momentum_decay != d.momentum_decay, float_value(c.momentum_decay));
    if (k == "lr_decay") put(c.lr_decay != d.lr_decay, float_value(c.lr_decay));
    if (k == "initial_accumulator_value")
      put(c.initial_accumulator_value != d.initial_accumulator_value,
          float_value(c.initial_accumulator_value));
    if (k == "rho") put(c.rho != d.rho, float_value(c.rho));
    if (k == "alpha") put(c.alpha != d.alpha, float_value(c.alpha));
    if (k == "centered") put(c.centered != d.centered, c.centered);
    if (k == "max_iter") put(c.max_iter != d.max_iter, c.max_iter);
    if (k == "history_size") put(c.history_size != d.history_size, c.history_size);
  }
  return j;
}

OptimizerConfig read_optimizer(const JsonObject& o) {
  const auto kind = o.get_enum("kind", OptimizerKind::SGD, &parse_optimizer_kind,
                               names_of(all_optimizer_kinds()));
  OptimizerConfig c = file_default_optimizer(kind);
  c.lr = o.get_float("lr", c.lr);
  if (!(c.lr >= 0.0f)) o.fail("lr", "the learning rate must be >= 0");
  c.weight_decay = o.get_float("weight_decay", c.weight_decay);
  c.momentum = o.get_float("momentum", c.momentum);
  c.dampening = o.get_float("dampening", c.dampening);
  c.nesterov = o.get_bool("nesterov", c.nesterov);
  if (o.has("betas")) {
    const json& b = o.raw("betas");
    if (!b.is_array() || b.size() != 2 || !b[0].is_number() || !b[1].is_number())
      o.fail("betas", "expected [beta1, beta2], got " + describe(b));
    c.beta1 = b[0].get<float>();
    c.beta2 = b[1].get<float>();
  }
  c.eps = o.get_float("eps", c.eps);
  c.amsgrad = o.get_bool("amsgrad", c.amsgrad);
  c.momentum_decay = o.get_float("momentum_decay", c.momentum_decay);
  c.lr_decay = o.get_float("lr_decay", c.lr_decay);
  c.initial_accumulator_value =
      o.get_float("initial_accumulator_value", c.initial_accumulator_value);
  c.rho = o.get_float("rho", c.rho);
  c.alpha = o.get_float("alpha", c.alpha);
  c.centered = o.get_bool("centered", c.centered);
  c.max_iter = static_cast<int>(o.get_int("max_iter", c.max_iter, 1, 100000));
  c.history_size = static_cast<int>(o.get_int("history_size", c.history_size, 1, 100000));
  return c;
}

// ---- schedule: {"kind": "StepLR", "step_size": 10, "gamma": 0.1, "warmup_epochs": 0} ----

const std::vector<std::string> kScheduleKeys{
    "kind",     "step_size", "gamma",    "T_max",  "eta_min",       "factor",
    "patience", "threshold", "cooldown", "min_lr", "warmup_epochs", "warmup_start_factor"};

std::vector<std::string> schedule_keys(ScheduleKind kind) {
  switch (kind) {
    case ScheduleKind::Constant:
      return {"kind"};
    case ScheduleKind::StepLR:
      return {"kind", "step_size", "gamma"};
    case ScheduleKind::ExponentialLR:
      return {"kind", "gamma"};
    case ScheduleKind::CosineAnnealingLR:
      return {"kind", "T_max", "eta_min"};
    case ScheduleKind::ReduceLROnPlateau:
      return {"kind", "factor", "patience", "threshold", "cooldown", "min_lr"};
  }
  return {"kind"};
}

json schedule_to_json(const ScheduleConfig& s) {
  const ScheduleConfig d;
  const auto used = schedule_keys(s.kind);
  json j = json::object();
  for (const auto& k : kScheduleKeys) {
    const bool always = std::find(used.begin(), used.end(), k) != used.end();
    auto put = [&](bool changed, json v) {
      if (always || changed) j[k] = std::move(v);
    };
    if (k == "kind") put(true, to_string(s.kind));
    if (k == "step_size") put(s.step_size != d.step_size, s.step_size);
    if (k == "gamma") put(s.gamma != d.gamma, float_value(s.gamma));
    if (k == "T_max") put(s.T_max != d.T_max, s.T_max);
    if (k == "eta_min") put(s.eta_min != d.eta_min, float_value(s.eta_min));
    if (k == "factor") put(s.factor != d.factor, float_value(s.factor));
    if (k == "patience") put(s.patience != d.patience, s.patience);
    if (k == "threshold") put(s.threshold != d.threshold, float_value(s.threshold));
    if (k == "cooldown") put(s.cooldown != d.cooldown, s.cooldown);
    if (k == "min_lr") put(s.min_lr != d.min_lr, float_value(s.min_lr));
    if (k == "warmup_epochs") put(s.warmup_epochs != d.warmup_epochs, s.warmup_epochs);
    if (k == "warmup_start_factor")
      put(s.warmup_start_factor != d.warmup_start_factor || s.warmup_epochs > 0,
          float_value(s.warmup_start_factor));
  }
  return j;
}

ScheduleConfig read_schedule(const JsonObject& o) {
  ScheduleConfig s;
  s.kind = o.get_enum("kind", s.kind, &parse_schedule_kind, names_of(all_schedule_kinds()));
  s.step_size = static_cast<int>(o.get_int("step_size", s.step_size, 1, 1000000));
  s.gamma = o.get_float("gamma", s.gamma);
  s.T_max = static_cast<int>(o.get_int("T_max", s.T_max, 1, 1000000));
  s.eta_min = o.get_float("eta_min", s.eta_min);
  s.factor = o.get_float("factor", s.factor);
  s.patience = static_cast<int>(o.get_int("patience", s.patience, 0, 1000000));
  s.threshold = o.get_float("threshold", s.threshold);
  s.cooldown = static_cast<int>(o.get_int("cooldown", s.cooldown, 0, 1000000));
  s.min_lr = o.get_float("min_lr", s.min_lr);
  s.warmup_epochs = static_cast<int>(o.get_int("warmup_epochs", s.warmup_epochs, 0, 1000000));
  s.warmup_start_factor = o.get_float("warmup_start_factor", s.warmup_start_factor);
  return s;
}

// ---- regularization ----

json regularization_to_json(const RegularizationConfig& r) {
  return {{"l1", float_value(r.l1)},
          {"l2", float_value(r.l2)},
          {"max_norm", float_value(r.max_norm)},
          {"clip_grad_norm", float_value(r.clip_grad_norm)},
          {"clip_grad_value", float_value(r.clip_grad_value)},
          {"early_stopping",
           {{"enabled", r.early_stopping.enabled},
            {"patience", r.early_stopping.patience},
            {"min_delta", float_value(r.early_stopping.min_delta)},
            {"restore_best", r.early_stopping.restore_best}}}};
}

RegularizationConfig read_regularization(const JsonObject& o) {
  RegularizationConfig r;
  r.l1 = o.get_float("l1", r.l1);
  r.l2 = o.get_float("l2", r.l2);
  r.max_norm = o.get_float("max_norm", r.max_norm);
  r.clip_grad_norm = o.get_float("clip_grad_norm", r.clip_grad_norm);
  r.clip_grad_value = o.get_float("clip_grad_value", r.clip_grad_value);
  if (o.has("early_stopping")) {
    const JsonObject e =
        o.child("early_stopping", {"enabled", "patience", "min_delta", "restore_best"});
    auto& es = r.early_stopping;
    es.enabled = e.get_bool("enabled", es.enabled);
    es.patience = static_cast<int>(e.get_int("patience", es.patience, 0, 1000000));
    es.min_delta = e.get_float("min_delta", es.min_delta);
    es.restore_best = e.get_bool("restore_best", es.restore_best);
  }
  return r;
}

}  // namespace

OptimizerConfig file_default_optimizer(OptimizerKind kind) {
  // Missing optimizer keys take torch.optim's defaults for the kind (one source of truth).
  return default_optimizer_config(kind);
}

json training_to_json(const TrainConfig& c) {
  json j = json::object();
  j["trainer"] = to_string(c.trainer);
  j["loss"] = to_string(c.loss);
  if (c.loss == LossKind::HuberLoss || c.loss_params != LossParams{})
    j["loss_params"] = {{"delta", float_value(c.loss_params.delta)}};
  j["optimizer"] = optimizer_to_json(c.optimizer);
  j["schedule"] = schedule_to_json(c.schedule);
  j["regularization"] = regularization_to_json(c.regularization);
  j["epochs"] = c.epochs;
  j["batch_size"] = c.batch_size;
  j["seed"] = c.seed;
  j["threads"] = c.threads;
  return j;
}

TrainConfig read_training(const JsonObject& parent, const char* key) {
  const JsonObject o =
      parent.child(key, {"trainer", "loss", "loss_params", "optimizer", "schedule",
                         "regularization", "epochs", "batch_size", "seed", "threads"});
  TrainConfig c;
  c.trainer = o.get_enum("trainer", c.trainer, &parse_trainer_kind, {"gradient", "perceptron"});
  c.loss = o.get_enum("loss", c.loss, &parse_loss_kind, names_of(all_loss_kinds()));
  if (o.has("loss_params"))
    c.loss_params.delta = o.child("loss_params", {"delta"}).get_float("delta", 1.0f);
  if (o.has("optimizer")) c.optimizer = read_optimizer(o.child("optimizer", kOptimizerKeys));
  if (o.has("schedule")) c.schedule = read_schedule(o.child("schedule", kScheduleKeys));
  if (o.has("regularization"))
    c.regularization =
        read_regularization(o.child("regularization", {"l1", "l2", "max_norm", "clip_grad_norm",
                                                       "clip_grad_value", "early_stopping"}));
  c.epochs = static_cast<int>(o.get_int("epochs", c.epochs, 0, 10000000));
  c.batch_size = static_cast<int>(o.get_int("batch_size", c.batch_size, 1, 100000000));
  c.seed = o.get_uint64("seed", c.seed);
  c.threads = static_cast<int>(o.get_int("threads", c.threads, 1, 1024));
  return c;
}

}  // namespace bp::io
