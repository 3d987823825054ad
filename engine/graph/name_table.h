#pragma once
// A closed set's names as a constexpr table of (enum value, name) pairs, and the three lookups
// every names file needs, and the same over descriptor tables. Used by engine/graph/names.cpp
// and engine/io/config_names.cpp.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bp::names {

template <class E, size_t N>
using Table = std::array<std::pair<E, const char*>, N>;

template <class E, size_t N>
std::string name_of(const Table<E, N>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "?";
}

template <class E, size_t N>
std::optional<E> parse(const Table<E, N>& table, std::string_view name) {
  for (const auto& [e, n] : table)
    if (name == n) return e;
  return std::nullopt;
}

template <class E, size_t N>
std::vector<E> all_of(const Table<E, N>& table) {
  std::vector<E> out;
  for (const auto& entry : table) out.push_back(entry.first);
  return out;
}

// The same lookups over a descriptor table (entries with `kind` and `torch_name`): the
// optimizer and schedule names live in their descriptors.
template <class Descriptors>
auto parse_descriptor(const Descriptors& table, std::string_view name)
    -> std::optional<decltype(table.begin()->kind)> {
  for (const auto& d : table)
    if (name == d.torch_name) return d.kind;
  return std::nullopt;
}

template <class Descriptors>
auto kinds_of(const Descriptors& table) -> std::vector<decltype(table.begin()->kind)> {
  std::vector<decltype(table.begin()->kind)> out;
  for (const auto& d : table) out.push_back(d.kind);
  return out;
}

}  // namespace bp::names
