#pragma once
// JsonObject: strict, path-aware reading of one JSON object for the project format. Every error
// names the origin (file) and the JSON path ("spiral.json: training.optimizer.lr: expected a
// number, got \"fast\""); keys not in the allowed list are errors with a did-you-mean hint.
// Also: JSON text -> value with line/column errors, and a compact pretty printer.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bp::io {

using json = nlohmann::json;

// Throws bp::Error "<origin>: line L, column C: <what>" for malformed JSON.
json parse_json_text(const std::string& text, const std::string& origin);
// Indented JSON where arrays of scalars stay on one line ("shape": [8, 2]).
std::string to_pretty_json(const json& value);
// The JSON value of a float that prints with the fewest digits and reads back as exactly `v`.
json float_value(float v);

class JsonObject {
 public:
  // Throws when `value` is not an object or has a key outside `allowed`.
  JsonObject(const json& value, std::string origin, std::string path,
             const std::vector<std::string>& allowed);

  bool has(const char* key) const { return value_->contains(key); }
  const json& raw(const char* key) const { return value_->at(key); }
  std::string path_of(const char* key) const;
  [[noreturn]] void fail(const char* key, const std::string& what) const;
  [[noreturn]] void fail_here(const std::string& what) const;
  const std::string& origin() const { return origin_; }
  const std::string& path() const { return path_; }

  // Typed reads: the key's value, or `fallback` when the key is absent.
  std::string get_string(const char* key, const std::string& fallback) const;
  bool get_bool(const char* key, bool fallback) const;
  int64_t get_int(const char* key, int64_t fallback, int64_t min = INT64_MIN,
                  int64_t max = INT64_MAX) const;
  uint64_t get_uint64(const char* key, uint64_t fallback) const;
  float get_float(const char* key, float fallback) const;
  double get_double(const char* key, double fallback) const;
  // Whole numbers written as floats (1e3) are read as integers; beyond int64 they are "too large".
  std::vector<int64_t> get_int_array(const char* key, const std::vector<int64_t>& fallback) const;
  std::vector<std::string> get_string_array(const char* key,
                                            const std::vector<std::string>& fallback) const;
  // Reads an enum by name; unknown names are errors listing the allowed names.
  template <class E>
  E get_enum(const char* key, E fallback, std::optional<E> (*parse)(std::string_view),
             const std::vector<std::string>& names) const {
    if (!has(key)) return fallback;
    const std::string name = get_string(key, "");
    if (auto e = parse(name)) return *e;
    fail_unknown_name(key, name, names);
  }
  // A nested object (required to be an object when present).
  JsonObject child(const char* key, const std::vector<std::string>& allowed) const;

 private:
  [[noreturn]] void fail_unknown_name(const char* key, const std::string& name,
                                      const std::vector<std::string>& names) const;
  const json* value_;
  std::string origin_, path_;
};

// "" when `value` is a number a float holds (finite after rounding to float32), else what is
// wrong ("the number 1e39 is too large for a 32-bit float ...").
std::string float_range_problem(const json& value);

// A readable description of a JSON value for error messages: "\"ten\"", "an array", "null".
std::string describe(const json& value);

}  // namespace bp::io
