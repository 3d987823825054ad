#pragma once
// HyperParam<Config>: one hyperparameter of an optimizer or a schedule as a table row — torch's
// argument name, the training panel's label and tooltip, the field it lives in, torch's default
// and the range. Read by the project file (engine/io/config_json.cpp), the training panel and
// default_optimizer_config.
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace bp {

template <class Config>
struct HyperParam {
  using Field = std::variant<float Config::*, int Config::*, bool Config::*>;

  const char* name;     // torch's argument name and the panel's field id: "lr", "beta1"
  const char* label;    // panel label: "Learning rate", "β1"
  const char* tooltip;  // panel tooltip
  Field field;
  double default_value;  // torch's default for this optimizer / schedule
  double lo = 0.0, hi = 1.0;
  int decimals = 4;  // panel (float fields)
  double step = 0.01;
  // In the project file, when it differs from `name`: "betas" holds [beta1, beta2].
  const char* json_key = nullptr;
  int json_index = -1;  // the element of the JSON pair, or -1

  const char* file_key() const { return json_key ? json_key : name; }
  double get(const Config& c) const {
    return std::visit([&c](auto m) { return static_cast<double>(c.*m); }, field);
  }
  void set(Config& c, double v) const {
    std::visit(
        [&c, v](auto m) {
          using T = std::remove_reference_t<decltype(c.*m)>;
          if constexpr (std::is_same_v<T, bool>)
            c.*m = v != 0.0;
          else
            c.*m = static_cast<T>(v);
        },
        field);
  }
  bool is_bool() const { return std::holds_alternative<bool Config::*>(field); }
  bool is_int() const { return std::holds_alternative<int Config::*>(field); }
};

// The rows of every kind, each name once, in first-appearance order (the panel's rows, the file's
// keys).
template <class Descriptor>
std::vector<const typename decltype(Descriptor::params)::value_type*> union_of_params(
    const std::vector<Descriptor>& all) {
  std::vector<const typename decltype(Descriptor::params)::value_type*> out;
  for (const auto& d : all)
    for (const auto& p : d.params) {
      bool seen = false;
      for (const auto* q : out) seen = seen || std::string_view(q->name) == p.name;
      if (!seen) out.push_back(&p);
    }
  return out;
}

}  // namespace bp
