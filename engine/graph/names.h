#pragma once
// Enum <-> string names, used only at file and UI boundaries. Names are PyTorch's
// ("Linear", "ReLU", "kaiming_normal", "CrossEntropyLoss"). parse_* return nullopt for unknown
// names so the caller can produce a message that names the file and the value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/backend/types.h"
#include "engine/graph/network_spec.h"
#include "engine/init/init_spec.h"

namespace bp {

std::string to_string(NodeKind kind);
std::string to_string(Activation f);
std::string to_string(LossKind kind);
std::string to_string(InitKind kind);
std::string to_string(FanMode mode);
std::string to_string(Nonlinearity nl);

std::optional<NodeKind> parse_node_kind(std::string_view name);
std::optional<Activation> parse_activation(std::string_view name);
std::optional<LossKind> parse_loss_kind(std::string_view name);
std::optional<InitKind> parse_init_kind(std::string_view name);
std::optional<FanMode> parse_fan_mode(std::string_view name);
std::optional<Nonlinearity> parse_nonlinearity(std::string_view name);

std::vector<NodeKind> all_node_kinds();
std::vector<Activation> all_activations();
std::vector<LossKind> all_loss_kinds();
std::vector<InitKind> all_init_kinds();
std::vector<FanMode> all_fan_modes();
std::vector<Nonlinearity> all_nonlinearities();

// The names of `values` (for "expected one of ..." messages and combo boxes); every enum with a
// to_string overload (here or in engine/io/config_names.h) works.
template <class E>
std::vector<std::string> names_of(const std::vector<E>& values) {
  std::vector<std::string> out;
  for (E e : values) out.push_back(to_string(e));
  return out;
}

// "linear", "conv", "relu", ... : the stem of default node names.
std::string default_name_prefix(NodeKind kind);

}  // namespace bp
