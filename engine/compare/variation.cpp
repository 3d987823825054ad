#include "engine/compare/variation.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "engine/compare/optimizer_hyper.h"
#include "engine/core/error.h"
#include "engine/graph/names.h"
#include "engine/io/config_names.h"

namespace bp {
namespace {

struct VariableName {
  CompareVariable variable;
  const char* name;
};

constexpr VariableName kVariables[] = {
    {CompareVariable::Optimizer, "optimizer"},
    {CompareVariable::LearningRate, "lr"},
    {CompareVariable::BatchSize, "batch_size"},
    {CompareVariable::Initializer, "init"},
    {CompareVariable::Activation, "activation"},
    {CompareVariable::WeightDecay, "weight_decay"},
    {CompareVariable::L1, "l1"},
    {CompareVariable::L2, "l2"},
    {CompareVariable::MaxNorm, "max_norm"},
    {CompareVariable::ClipGradNorm, "clip_grad_norm"},
    {CompareVariable::Dropout, "dropout"},
    {CompareVariable::Momentum, "momentum"},
    {CompareVariable::Seed, "seed"},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

double parse_number(CompareVariable variable, std::string_view value, double min, bool min_open) {
  const std::string text = trim(value);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  const std::string what = compare_variable_name(variable) + "=" + text;
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v))
    throw Error(what + ": expected a number");
  if (v < min || (min_open && v == min))
    throw Error(what + ": must be " + (min_open ? "> " : ">= ") + std::to_string(min).substr(0, 3));
  return v;
}

template <class E>
E parse_enum_ci(std::string_view value, const std::vector<E>& all, CompareVariable variable) {
  std::vector<std::string> names;
  for (E e : all) {
    names.push_back(to_string(e));
    if (lower(names.back()) == lower(trim(value))) return e;
  }
  std::string hint = closest_name(trim(value), names);
  std::string known;
  for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
  throw Error(compare_variable_name(variable) + "=" + trim(value) + " is unknown" +
              (hint.empty() ? "" : " (did you mean '" + hint + "'?)") + "; known: " + known);
}

bool is_weighted(NodeKind kind) {
  return kind == NodeKind::Linear || kind == NodeKind::Conv2d ||
         kind == NodeKind::LocallyConnected2d;
}

bool is_dropout(NodeKind kind) {
  return kind == NodeKind::Dropout || kind == NodeKind::GaussianDropout ||
         kind == NodeKind::Dropout2d;
}

}  // namespace

std::string compare_variable_name(CompareVariable v) {
  for (const auto& [variable, name] : kVariables)
    if (variable == v) return name;
  return "?";
}

std::optional<CompareVariable> parse_compare_variable(std::string_view name) {
  const std::string n = lower(trim(name));
  if (n == "learning_rate") return CompareVariable::LearningRate;
  if (n == "batch" || n == "batch-size") return CompareVariable::BatchSize;
  if (n == "initializer" || n == "weight_init") return CompareVariable::Initializer;
  for (const auto& [variable, vname] : kVariables)
    if (n == vname) return variable;
  return std::nullopt;
}

std::vector<CompareVariable> all_compare_variables() {
  std::vector<CompareVariable> out;
  for (const auto& [variable, name] : kVariables) out.push_back(variable);
  return out;
}

std::vector<std::string> split_values(std::string_view list) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : list) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

std::vector<std::string> lr_sweep_values() {
  return {"1e-05", "0.0001", "0.001", "0.01", "0.1", "1", "10"};
}

OptimizerConfig parse_optimizer_value(std::string_view value, const OptimizerConfig& project) {
  const std::string text = trim(value);
  const size_t open = text.find('(');
  const std::string kind_name = trim(text.substr(0, open));
  const OptimizerKind kind =
      parse_enum_ci(kind_name, all_optimizer_kinds(), CompareVariable::Optimizer);
  OptimizerConfig config = kind == project.kind ? project : default_optimizer_config(kind);
  if (open == std::string::npos) return config;
  if (text.back() != ')')
    throw Error("optimizer=" + text + ": expected Kind(name=value,...) with a closing ')'");
  const std::string inner = text.substr(open + 1, text.size() - open - 2);
  if (trim(inner).empty()) return config;
  for (const std::string& kv : split_values(inner)) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos)
      throw Error("optimizer=" + text + ": '" + kv + "' is not name=value");
    try {
      set_optimizer_hyper(config, trim(kv.substr(0, eq)), trim(kv.substr(eq + 1)));
    } catch (const Error& e) {
      throw Error("optimizer=" + text + ": " + e.what());
    }
  }
  try {
    if (config.kind != OptimizerKind::LBFGS) validate_optimizer_config(config);
  } catch (const Error& e) {
    throw Error("optimizer=" + text + ": " + e.what());
  }
  return config;
}

void apply_variation(CompareVariable variable, std::string_view value, NetworkSpec& network,
                     TrainConfig& config) {
  switch (variable) {
    case CompareVariable::Optimizer:
      config.optimizer = parse_optimizer_value(value, config.optimizer);
      return;
    case CompareVariable::LearningRate:
      config.optimizer.lr = static_cast<float>(parse_number(variable, value, 0.0, true));
      return;
    case CompareVariable::BatchSize: {
      const double b = parse_number(variable, value, 1.0, false);
      if (b != std::floor(b) || b > 1e9)
        throw Error("batch_size=" + trim(value) + ": expected a whole number >= 1");
      config.batch_size = static_cast<int>(b);
      return;
    }
    case CompareVariable::Initializer: {
      const InitKind kind = parse_enum_ci(value, all_init_kinds(), variable);
      bool any = false;
      for (NodeSpec& n : network.nodes)
        if (is_weighted(n.kind)) {
          n.params.weight_init = InitSpec{};
          n.params.weight_init.kind = kind;
          if (kind == InitKind::KaimingNormal || kind == InitKind::KaimingUniform)
            n.params.weight_init.nonlinearity = Nonlinearity::ReLU;
          any = true;
        }
      if (!any) throw Error("init: the network has no Linear or Conv2d layer to initialize");
      return;
    }
    case CompareVariable::Activation: {
      const Activation f = parse_enum_ci(value, all_activations(), variable);
      bool any = false;
      for (NodeSpec& n : network.nodes) {
        if (n.kind == NodeKind::Activation ||
            (n.kind == NodeKind::Linear && n.params.activation != Activation::Identity)) {
          n.params.activation = f;
          any = true;
        }
      }
      if (!any)
        throw Error(
            "activation: the network has no Activation layer (nor a Linear with a fused "
            "activation) to vary");
      return;
    }
    case CompareVariable::WeightDecay:
      config.optimizer.weight_decay = static_cast<float>(parse_number(variable, value, 0.0, false));
      return;
    case CompareVariable::L1:
      config.regularization.l1 = static_cast<float>(parse_number(variable, value, 0.0, false));
      return;
    case CompareVariable::L2:
      config.regularization.l2 = static_cast<float>(parse_number(variable, value, 0.0, false));
      return;
    case CompareVariable::MaxNorm:
      config.regularization.max_norm =
          static_cast<float>(parse_number(variable, value, 0.0, false));
      return;
    case CompareVariable::ClipGradNorm:
      config.regularization.clip_grad_norm =
          static_cast<float>(parse_number(variable, value, 0.0, false));
      return;
    case CompareVariable::Dropout: {
      const double p = parse_number(variable, value, 0.0, false);
      if (p >= 1.0) throw Error("dropout=" + trim(value) + ": must be < 1");
      bool any = false;
      for (NodeSpec& n : network.nodes)
        if (is_dropout(n.kind)) {
          n.params.p = static_cast<float>(p);
          any = true;
        }
      if (!any) throw Error("dropout: the network has no Dropout layer to vary");
      return;
    }
    case CompareVariable::Momentum:
      if (config.optimizer.kind != OptimizerKind::SGD &&
          config.optimizer.kind != OptimizerKind::RMSprop)
        throw Error("momentum: " + to_string(config.optimizer.kind) +
                    " has no momentum (SGD and RMSprop do; vary optimizer instead)");
      config.optimizer.momentum = static_cast<float>(parse_number(variable, value, 0.0, false));
      return;
    case CompareVariable::Seed: {
      const double s = parse_number(variable, value, 0.0, false);
      if (s != std::floor(s)) throw Error("seed=" + trim(value) + ": expected a whole number");
      config.seed = static_cast<uint64_t>(s);
      return;
    }
  }
}

std::vector<RunSpec> make_runs(const NetworkSpec& network, const TrainConfig& config,
                               const std::vector<Variation>& variations, int seeds) {
  if (seeds < 1) throw Error("seeds must be >= 1");
  for (size_t i = 0; i < variations.size(); ++i) {
    if (variations[i].values.empty())
      throw Error("vary " + compare_variable_name(variations[i].variable) + ": no values given");
    for (size_t j = 0; j < i; ++j)
      if (variations[j].variable == variations[i].variable)
        throw Error("vary " + compare_variable_name(variations[i].variable) +
                    " is given twice; list all its values once, separated by commas");
    if (variations[i].variable == CompareVariable::Seed && seeds > 1)
      throw Error("vary seed and seeds > 1 both set the seed; use one of them");
  }
  // Every combination, the last variation fastest.
  std::vector<RunSpec> configs(1);
  configs[0].network = network;
  configs[0].config = config;
  for (const Variation& v : variations) {
    std::vector<RunSpec> next;
    std::vector<std::string> values = v.values;
    if (v.variable == CompareVariable::LearningRate && values.size() == 1 && values[0] == "sweep")
      values = lr_sweep_values();
    for (const RunSpec& base : configs)
      for (const std::string& value : values) {
        RunSpec r = base;
        apply_variation(v.variable, value, r.network, r.config);
        r.settings.emplace_back(compare_variable_name(v.variable), trim(value));
        if (v.variable == CompareVariable::Initializer) r.shares_initial_weights = false;
        next.push_back(std::move(r));
      }
    configs = std::move(next);
  }
  std::vector<RunSpec> runs;
  for (int c = 0; c < static_cast<int>(configs.size()); ++c)
    for (int s = 0; s < seeds; ++s) {
      RunSpec r = configs[static_cast<size_t>(c)];
      r.config_index = c;
      r.config.seed += static_cast<uint64_t>(s);
      if (variations.empty()) r.settings.emplace_back("run", "project");
      for (const auto& [name, value] : r.settings)
        r.label += (r.label.empty() ? "" : " ") + name + "=" + value;
      if (seeds > 1) r.label += " seed=" + std::to_string(r.config.seed);
      runs.push_back(std::move(r));
    }
  return runs;
}

}  // namespace bp
