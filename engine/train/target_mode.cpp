#include "engine/train/target_mode.h"

#include "engine/graph/name_table.h"

namespace bp {
namespace {

constexpr names::Table<TargetMode, 3> kModes{{
    {TargetMode::Auto, "auto"},
    {TargetMode::PlusMinusOne, "plus_minus_one"},
    {TargetMode::Reconstruct, "reconstruct"},
}};

}  // namespace

std::string to_string(TargetMode mode) {
  return names::name_of(kModes, mode);
}

std::optional<TargetMode> parse_target_mode(std::string_view name) {
  return names::parse(kModes, name);
}

std::vector<std::string> target_mode_names() {
  std::vector<std::string> out;
  for (const auto& [mode, name] : kModes) out.emplace_back(name);
  return out;
}

}  // namespace bp
