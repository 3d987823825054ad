#include "engine/io/train_state_json.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "engine/io/base64.h"
#include "engine/io/config_names.h"
#include "engine/io/project_parts.h"

namespace bp::io {
namespace {

// Doubles that must come back exactly (losses, the schedule's lr) and may be non-finite in
// principle: JSON numbers with 17 significant digits round-trip; non-finite ones are refused
// by the writer's caller (a diverged run is never saved as state).
json exact_double(double v) {
  return std::isfinite(v) ? json(v) : json(0.0);
}

std::string u64_hex(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

json rng_to_json(const RngState& r) {
  json s = json::array();
  for (uint64_t v : r.s) s.push_back(u64_hex(v));
  return {{"state", s}, {"spare", exact_double(r.spare)}, {"has_spare", r.has_spare}};
}

RngState read_rng(const JsonObject& o) {
  RngState r;
  const json& s = o.raw("state");
  if (!s.is_array() || s.size() != 4) o.fail("state", "expected 4 hexadecimal strings");
  for (size_t i = 0; i < 4; ++i) {
    if (!s[i].is_string() || s[i].get<std::string>().size() != 16)
      o.fail("state", "expected 4 hexadecimal strings of 16 digits");
    const std::string text = s[i].get<std::string>();
    char* end = nullptr;
    r.s[i] = std::strtoull(text.c_str(), &end, 16);
    if (end != text.c_str() + text.size()) o.fail("state", "'" + text + "' is not hexadecimal");
  }
  r.spare = o.get_double("spare", 0.0);
  r.has_spare = o.get_bool("has_spare", false);
  return r;
}

std::vector<float> read_floats(const JsonObject& o, const char* key) {
  const json& v = o.raw(key);
  if (!v.is_string()) o.fail(key, "expected base64 text of float32 values, got " + describe(v));
  auto values = floats_from_base64(v.get<std::string>());
  if (!values) o.fail(key, "not valid base64 of float32 values");
  for (float x : *values)
    if (!std::isfinite(x)) o.fail(key, "holds a value that is not a finite number");
  return *values;
}

json metrics_to_json(const Metrics& m) {
  json j = {{"loss", exact_double(m.loss)}, {"samples", m.samples}};
  if (m.accuracy >= 0.0) j["accuracy"] = exact_double(m.accuracy);
  return j;
}

Metrics read_metrics(const JsonObject& o) {
  Metrics m;
  m.loss = o.get_double("loss", 0.0);
  m.accuracy = o.get_double("accuracy", -1.0);
  m.samples = o.get_int("samples", 0, 0);
  return m;
}

json optimizer_to_json(const OptimizerState& s) {
  json params = json::array();
  for (const auto& p : s.layout) params.push_back(json::array({p.name, p.numel}));
  json buffers = json::object();
  for (const auto& [name, values] : s.tensors) buffers[name] = floats_to_base64(values);
  json scalars = json::object();
  for (const auto& [name, v] : s.scalars) scalars[name] = exact_double(v);
  return {{"kind", to_string(s.kind)},
          {"steps", s.steps},
          {"parameters", params},
          {"buffers", buffers},
          {"scalars", scalars}};
}

OptimizerState read_optimizer(const JsonObject& o) {
  OptimizerState s;
  const std::string kind = o.get_string("kind", "");
  auto k = parse_optimizer_kind(kind);
  if (!k) o.fail("kind", "unknown optimizer '" + kind + "'");
  s.kind = *k;
  s.steps = o.get_int("steps", 0, 0);
  if (o.has("parameters")) {
    const json& ps = o.raw("parameters");
    if (!ps.is_array()) o.fail("parameters", "expected [[name, size], ...]");
    for (const json& p : ps) {
      if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_number_integer())
        o.fail("parameters", "expected [[name, size], ...]");
      s.layout.push_back({p[0].get<std::string>(), p[1].get<int64_t>()});
    }
  }
  if (o.has("buffers")) {
    const json& b = o.raw("buffers");
    if (!b.is_object()) o.fail("buffers", "expected an object of named base64 arrays");
    std::vector<std::string> names;
    for (auto it = b.begin(); it != b.end(); ++it) names.push_back(it.key());
    const JsonObject buffers = o.child("buffers", names);
    for (const auto& name : names) s.tensors[name] = read_floats(buffers, name.c_str());
  }
  if (o.has("scalars")) {
    const json& b = o.raw("scalars");
    if (!b.is_object()) o.fail("scalars", "expected an object of named numbers");
    std::vector<std::string> names;
    for (auto it = b.begin(); it != b.end(); ++it) names.push_back(it.key());
    const JsonObject scalars = o.child("scalars", names);
    for (const auto& name : names) s.scalars[name] = scalars.get_double(name.c_str(), 0.0);
  }
  return s;
}

json schedule_json(const ScheduleConfig& schedule) {
  TrainConfig c;
  c.schedule = schedule;
  return training_to_json(c)["schedule"];
}

}  // namespace

json train_state_to_json(const TrainState& s) {
  json j = json::object();
  j["step"] = s.step;
  j["epoch"] = s.epoch;
  if (s.target_epoch > 0) j["target_epoch"] = s.target_epoch;
  if (s.stopped_early) j["stopped_early"] = true;
  if (s.optimizer) j["optimizer"] = optimizer_to_json(*s.optimizer);
  j["scheduler"] = {
      {"lr", exact_double(s.scheduler.lr)},     {"epoch", s.scheduler.epoch},
      {"best", exact_double(s.scheduler.best)}, {"has_best", s.scheduler.has_best},
      {"bad_epochs", s.scheduler.bad_epochs},   {"cooldown_left", s.scheduler.cooldown_left},
      {"schedule", schedule_json(s.schedule)},  {"base_lr", float_value(s.base_lr)}};
  if (s.early_stopping) {
    const EarlyStoppingState& e = *s.early_stopping;
    j["early_stopping"] = {{"best_epoch", e.best_epoch},
                           {"best_loss", exact_double(e.best_loss)},
                           {"bad_epochs", e.bad_epochs},
                           {"has_best", e.has_best},
                           {"best_values", floats_to_base64(e.best_values)},
                           {"best_buffers", floats_to_base64(e.best_buffers)}};
  }
  j["random"] = {{"shuffle", rng_to_json(s.shuffle_rng)}, {"augment", rng_to_json(s.augment_rng)}};
  j["epoch_in_progress"] = {{"order", int64s_to_base64(s.order)},
                            {"cursor", s.cursor},
                            {"loss_sum", exact_double(s.loss_sum)},
                            {"correct", s.correct},
                            {"seen", s.seen},
                            {"seconds", exact_double(s.epoch_seconds)}};
  if (s.has_reference_loss) j["reference_loss"] = exact_double(s.reference_loss);
  json history = json::array();
  for (const EpochRecord& r : s.history) {
    json e = {{"epoch", r.epoch},
              {"train", metrics_to_json(r.train)},
              {"lr", float_value(r.lr)},
              {"seconds", exact_double(r.seconds)}};
    if (r.validation.samples > 0) e["validation"] = metrics_to_json(r.validation);
    history.push_back(e);
  }
  j["history"] = history;
  return j;
}

TrainState read_train_state(const JsonObject& parent, const char* key) {
  const JsonObject o = parent.child(
      key, {"step", "epoch", "target_epoch", "stopped_early", "optimizer", "scheduler",
            "early_stopping", "random", "epoch_in_progress", "reference_loss", "history"});
  TrainState s;
  s.step = o.get_int("step", 0, 0);
  s.epoch = static_cast<int>(o.get_int("epoch", 0, 0, 100000000));
  s.target_epoch = static_cast<int>(o.get_int("target_epoch", 0, 0, 200000000));
  s.stopped_early = o.get_bool("stopped_early", false);
  if (o.has("optimizer"))
    s.optimizer =
        read_optimizer(o.child("optimizer", {"kind", "steps", "parameters", "buffers", "scalars"}));
  if (o.has("scheduler")) {
    const JsonObject c = o.child("scheduler", {"lr", "epoch", "best", "has_best", "bad_epochs",
                                               "cooldown_left", "schedule", "base_lr"});
    s.scheduler.lr = c.get_double("lr", 0.0);
    s.scheduler.epoch = static_cast<int>(c.get_int("epoch", 0, 0, 100000000));
    s.scheduler.best = c.get_double("best", 0.0);
    s.scheduler.has_best = c.get_bool("has_best", false);
    s.scheduler.bad_epochs = static_cast<int>(c.get_int("bad_epochs", 0, 0, 100000000));
    s.scheduler.cooldown_left = static_cast<int>(c.get_int("cooldown_left", 0, 0, 100000000));
    s.base_lr = c.get_float("base_lr", 0.0f);
    if (c.has("schedule")) {
      // Read as a training section holding only this schedule (one reader for schedules).
      const json wrapper = {{"scheduler", {{"schedule", c.raw("schedule")}}}};
      const JsonObject w(wrapper, c.origin(), o.path(), {"scheduler"});
      s.schedule = read_training(w, "scheduler").schedule;
    }
  }
  if (o.has("early_stopping")) {
    const JsonObject c = o.child("early_stopping", {"best_epoch", "best_loss", "bad_epochs",
                                                    "has_best", "best_values", "best_buffers"});
    EarlyStoppingState e;
    e.best_epoch = static_cast<int>(c.get_int("best_epoch", 0, 0, 100000000));
    e.best_loss = c.get_double("best_loss", 0.0);
    e.bad_epochs = static_cast<int>(c.get_int("bad_epochs", 0, 0, 100000000));
    e.has_best = c.get_bool("has_best", false);
    if (c.has("best_values")) e.best_values = read_floats(c, "best_values");
    if (c.has("best_buffers")) e.best_buffers = read_floats(c, "best_buffers");
    s.early_stopping = e;
  }
  if (o.has("random")) {
    const JsonObject r = o.child("random", {"shuffle", "augment"});
    if (r.has("shuffle"))
      s.shuffle_rng = read_rng(r.child("shuffle", {"state", "spare", "has_spare"}));
    if (r.has("augment"))
      s.augment_rng = read_rng(r.child("augment", {"state", "spare", "has_spare"}));
  }
  if (o.has("epoch_in_progress")) {
    const JsonObject e =
        o.child("epoch_in_progress", {"order", "cursor", "loss_sum", "correct", "seen", "seconds"});
    if (e.has("order")) {
      const json& v = e.raw("order");
      auto order = v.is_string() ? int64s_from_base64(v.get<std::string>()) : std::nullopt;
      if (!order) e.fail("order", "expected base64 text of int64 sample indices");
      s.order = *order;
    }
    s.cursor = e.get_int("cursor", 0, 0);
    s.loss_sum = e.get_double("loss_sum", 0.0);
    s.correct = e.get_int("correct", 0, 0);
    s.seen = e.get_int("seen", 0, 0);
    s.epoch_seconds = e.get_double("seconds", 0.0);
  }
  if (o.has("reference_loss")) {
    s.reference_loss = o.get_double("reference_loss", 0.0);
    s.has_reference_loss = true;
  }
  if (o.has("history")) {
    const json& h = o.raw("history");
    if (!h.is_array()) o.fail("history", "expected an array of epoch records");
    for (size_t i = 0; i < h.size(); ++i) {
      const json wrapper = {{"e", h[i]}};
      const JsonObject w(wrapper, o.origin(), o.path_of("history"), {"e"});
      const JsonObject r = w.child("e", {"epoch", "train", "validation", "lr", "seconds"});
      EpochRecord rec;
      rec.epoch = static_cast<int>(r.get_int("epoch", 0, 1, 100000000));
      if (r.has("train"))
        rec.train = read_metrics(r.child("train", {"loss", "accuracy", "samples"}));
      if (r.has("validation"))
        rec.validation = read_metrics(r.child("validation", {"loss", "accuracy", "samples"}));
      rec.lr = r.get_float("lr", 0.0f);
      rec.seconds = r.get_double("seconds", 0.0);
      s.history.push_back(rec);
    }
  }
  if (s.history.size() > static_cast<size_t>(s.epoch))
    o.fail("history", "has " + std::to_string(s.history.size()) + " epochs but 'epoch' is " +
                          std::to_string(s.epoch));
  return s;
}

}  // namespace bp::io
