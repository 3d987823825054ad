#include "engine/compare/optimizer_hyper.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/core/error.h"
#include "engine/io/config_names.h"

namespace bp {
namespace {

enum class HyperType : uint8_t { Float, Bool, Int };

struct Hyper {
  const char* name;
  HyperType type;
  float OptimizerConfig::*f = nullptr;
  bool OptimizerConfig::*b = nullptr;
  int OptimizerConfig::*i = nullptr;
};

constexpr Hyper F(const char* n, float OptimizerConfig::*m) {
  return {n, HyperType::Float, m, nullptr, nullptr};
}
constexpr Hyper B(const char* n, bool OptimizerConfig::*m) {
  return {n, HyperType::Bool, nullptr, m, nullptr};
}

const std::vector<Hyper>& hypers_of(OptimizerKind kind) {
  using C = OptimizerConfig;
  static const std::vector<Hyper> sgd{F("lr", &C::lr), F("momentum", &C::momentum),
                                      F("dampening", &C::dampening), B("nesterov", &C::nesterov),
                                      F("weight_decay", &C::weight_decay)};
  static const std::vector<Hyper> adam{
      F("lr", &C::lr),   F("beta1", &C::beta1),     F("beta2", &C::beta2),
      F("eps", &C::eps), B("amsgrad", &C::amsgrad), F("weight_decay", &C::weight_decay)};
  static const std::vector<Hyper> nadam{F("lr", &C::lr),
                                        F("beta1", &C::beta1),
                                        F("beta2", &C::beta2),
                                        F("eps", &C::eps),
                                        F("momentum_decay", &C::momentum_decay),
                                        F("weight_decay", &C::weight_decay)};
  static const std::vector<Hyper> adagrad{
      F("lr", &C::lr), F("lr_decay", &C::lr_decay),
      F("initial_accumulator_value", &C::initial_accumulator_value), F("eps", &C::eps),
      F("weight_decay", &C::weight_decay)};
  static const std::vector<Hyper> adadelta{F("lr", &C::lr), F("rho", &C::rho), F("eps", &C::eps),
                                           F("weight_decay", &C::weight_decay)};
  static const std::vector<Hyper> rmsprop{F("lr", &C::lr),
                                          F("alpha", &C::alpha),
                                          F("eps", &C::eps),
                                          F("momentum", &C::momentum),
                                          B("centered", &C::centered),
                                          F("weight_decay", &C::weight_decay)};
  static const std::vector<Hyper> lbfgs{
      F("lr", &C::lr),
      {"max_iter", HyperType::Int, nullptr, nullptr, &C::max_iter},
      {"history_size", HyperType::Int, nullptr, nullptr, &C::history_size}};
  switch (kind) {
    case OptimizerKind::SGD:
      return sgd;
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
      return adam;
    case OptimizerKind::NAdam:
      return nadam;
    case OptimizerKind::Adagrad:
      return adagrad;
    case OptimizerKind::Adadelta:
      return adadelta;
    case OptimizerKind::RMSprop:
      return rmsprop;
    case OptimizerKind::LBFGS:
      return lbfgs;
  }
  return sgd;
}

const Hyper* find_hyper(OptimizerKind kind, std::string_view name) {
  for (const Hyper& h : hypers_of(kind))
    if (name == h.name) return &h;
  return nullptr;
}

double value_of(const OptimizerConfig& c, const Hyper& h) {
  switch (h.type) {
    case HyperType::Float:
      return static_cast<double>(c.*(h.f));
    case HyperType::Bool:
      return c.*(h.b) ? 1.0 : 0.0;
    case HyperType::Int:
      return static_cast<double>(c.*(h.i));
  }
  return 0.0;
}

}  // namespace

std::vector<std::string> optimizer_hyper_names(OptimizerKind kind) {
  std::vector<std::string> out;
  for (const Hyper& h : hypers_of(kind)) out.emplace_back(h.name);
  return out;
}

void set_optimizer_hyper(OptimizerConfig& config, std::string_view name, std::string_view value) {
  const Hyper* h = find_hyper(config.kind, name);
  if (!h) {
    std::string known;
    for (const std::string& n : optimizer_hyper_names(config.kind))
      known += (known.empty() ? "" : ", ") + n;
    throw Error("'" + std::string(name) + "' is not a hyperparameter of " + to_string(config.kind) +
                " (it takes " + known + ")");
  }
  const std::string text(value);
  if (h->type == HyperType::Bool) {
    if (text == "true" || text == "True" || text == "1") {
      config.*(h->b) = true;
    } else if (text == "false" || text == "False" || text == "0") {
      config.*(h->b) = false;
    } else {
      throw Error(std::string(h->name) + "=" + text + ": expected true or false");
    }
    return;
  }
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v))
    throw Error(std::string(h->name) + "=" + text + ": expected a number");
  if (h->type == HyperType::Int) {
    if (v != std::floor(v) || v < 1 || v > 1e6)
      throw Error(std::string(h->name) + "=" + text + ": expected a whole number >= 1");
    config.*(h->i) = static_cast<int>(v);
  } else {
    config.*(h->f) = static_cast<float>(v);
  }
}

std::optional<double> optimizer_hyper(const OptimizerConfig& config, std::string_view name) {
  const Hyper* h = find_hyper(config.kind, name);
  if (!h) return std::nullopt;
  return value_of(config, *h);
}

std::string describe_optimizer(const OptimizerConfig& config) {
  const OptimizerConfig defaults = default_optimizer_config(config.kind);
  std::string args;
  for (const Hyper& h : hypers_of(config.kind)) {
    const double v = value_of(config, h), d = value_of(defaults, h);
    if (v == d) continue;
    char buf[64];
    if (h.type == HyperType::Bool)
      std::snprintf(buf, sizeof buf, "%s=%s", h.name, v != 0.0 ? "true" : "false");
    else
      std::snprintf(buf, sizeof buf, "%s=%g", h.name, v);
    args += (args.empty() ? "" : ",") + std::string(buf);
  }
  return to_string(config.kind) + (args.empty() ? "" : "(" + args + ")");
}

}  // namespace bp
