#pragma once
// A closed set's names as a constexpr table of (enum value, name) pairs, and the three lookups
// every names file needs. Used by engine/graph/names.cpp and engine/io/config_names.cpp.
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

}  // namespace bp::names
