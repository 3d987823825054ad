// The "training" section (TrainConfig).
#include <algorithm>
#include <string_view>

#include "engine/graph/names.h"
#include "engine/io/config_names.h"
#include "engine/io/project_parts.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"

namespace bp::io {
namespace {

// ---- hyperparameters, generic over optimizer and schedule tables ----

// Every key a section may hold: "kind" and each hyperparameter's file key (once).
template <class Config>
std::vector<std::string> file_keys(const std::vector<const HyperParam<Config>*>& params) {
  std::vector<std::string> keys{"kind"};
  for (const auto* p : params)
    if (std::find(keys.begin(), keys.end(), p->file_key()) == keys.end())
      keys.emplace_back(p->file_key());
  return keys;
}

template <class Config>
json hyper_value(const HyperParam<Config>& p, const Config& c) {
  if (p.is_bool()) return p.get(c) != 0.0;
  if (p.is_int()) return static_cast<int64_t>(p.get(c));
  return float_value(static_cast<float>(p.get(c)));
}

// Writes the hyperparameters the kind reads (`used`), and any other that differs from
// `defaults`; the elements of a JSON pair ("betas") are written together.
template <class Config>
void put_hyper(json& j, const std::vector<const HyperParam<Config>*>& all,
               const std::vector<HyperParam<Config>>& used, const Config& c,
               const Config& defaults) {
  auto uses = [&used](const HyperParam<Config>* p) {
    for (const auto& u : used)
      if (std::string_view(u.name) == p->name) return true;
    return false;
  };
  for (const auto* p : all) {
    bool write = uses(p) || p->get(c) != p->get(defaults);
    if (p->json_index >= 0)
      for (const auto* q : all)  // the pair's other element decides too
        if (q != p && std::string_view(q->file_key()) == p->file_key())
          write = write || uses(q) || q->get(c) != q->get(defaults);
    if (!write) continue;
    if (p->json_index < 0) {
      j[p->name] = hyper_value(*p, c);
      continue;
    }
    json& pair = j[p->file_key()];
    if (!pair.is_array()) pair = json::array({0.0, 0.0});
    pair[static_cast<size_t>(p->json_index)] = hyper_value(*p, c);
  }
}

template <class Config>
void read_hyper(const JsonObject& o, const std::vector<const HyperParam<Config>*>& all, Config& c) {
  for (const auto* p : all) {
    const char* key = p->file_key();
    if (!o.has(key)) continue;
    if (p->json_index >= 0) {
      const json& v = o.raw(key);
      if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number())
        o.fail(key, "expected a pair of numbers, got " + describe(v));
      p->set(c, v[static_cast<size_t>(p->json_index)].get<double>());
    } else if (p->is_bool()) {
      p->set(c, o.get_bool(key, false) ? 1.0 : 0.0);
    } else if (p->is_int()) {
      p->set(c, static_cast<double>(
                    o.get_int(key, 0, static_cast<int64_t>(p->lo), static_cast<int64_t>(p->hi))));
    } else {
      p->set(c, o.get_float(key, 0.0f));
    }
  }
}

// ---- optimizer: {"kind": "Adam", "lr": 0.001, "betas": [0.9, 0.999], ...} ----

const std::vector<const HyperParam<OptimizerConfig>*>& all_optimizer_params() {
  static const auto all = union_of_params(optimizer_descriptors());
  return all;
}

json optimizer_to_json(const OptimizerConfig& c) {
  json j = json::object();
  j["kind"] = to_string(c.kind);
  put_hyper(j, all_optimizer_params(), optimizer_descriptor(c.kind).params, c,
            file_default_optimizer(c.kind));
  return j;
}

OptimizerConfig read_optimizer(const JsonObject& o) {
  const auto kind = o.get_enum("kind", OptimizerKind::SGD, &parse_optimizer_kind,
                               names_of(all_optimizer_kinds()));
  OptimizerConfig c = file_default_optimizer(kind);
  read_hyper(o, all_optimizer_params(), c);
  if (!(c.lr >= 0.0f)) o.fail("lr", "the learning rate must be >= 0");
  return c;
}

// ---- schedule: {"kind": "StepLR", "step_size": 10, "gamma": 0.1, "warmup_epochs": 0} ----

const std::vector<const HyperParam<ScheduleConfig>*>& all_schedule_params() {
  static const auto all = [] {
    auto rows = union_of_params(schedule_descriptors());
    for (const auto& w : warmup_params()) rows.push_back(&w);
    return rows;
  }();
  return all;
}

json schedule_to_json(const ScheduleConfig& s) {
  json j = json::object();
  j["kind"] = to_string(s.kind);
  put_hyper(j, all_schedule_params(), schedule_descriptor(s.kind).params, s, ScheduleConfig{});
  if (s.warmup_epochs > 0)  // the start factor matters: always written with a warm-up
    j["warmup_start_factor"] = float_value(s.warmup_start_factor);
  return j;
}

ScheduleConfig read_schedule(const JsonObject& o) {
  ScheduleConfig s;
  s.kind = o.get_enum("kind", s.kind, &parse_schedule_kind, names_of(all_schedule_kinds()));
  read_hyper(o, all_schedule_params(), s);
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
  if (c.target != TargetMode::Auto) j["target"] = to_string(c.target);
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
      parent.child(key, {"trainer", "loss", "loss_params", "target", "optimizer", "schedule",
                         "regularization", "epochs", "batch_size", "seed", "threads"});
  TrainConfig c;
  c.trainer = o.get_enum("trainer", c.trainer, &parse_trainer_kind, {"gradient", "perceptron"});
  c.loss = o.get_enum("loss", c.loss, &parse_loss_kind, names_of(all_loss_kinds()));
  if (o.has("loss_params"))
    c.loss_params.delta = o.child("loss_params", {"delta"}).get_float("delta", 1.0f);
  c.target = o.get_enum("target", c.target, &parse_target_mode, target_mode_names());
  if (o.has("optimizer"))
    c.optimizer = read_optimizer(o.child("optimizer", file_keys(all_optimizer_params())));
  if (o.has("schedule"))
    c.schedule = read_schedule(o.child("schedule", file_keys(all_schedule_params())));
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
