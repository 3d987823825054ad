#include "engine/io/json_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "engine/core/error.h"
#include "engine/io/config_names.h"

namespace bp::io {

namespace {

// "line L, column C" (1-based) of a byte offset.
std::string line_column(const std::string& text, size_t byte) {
  byte = std::min(byte, text.size());
  int line = 1, column = 1;
  for (size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

struct NumberOverflow {
  std::string path;   // "training.optimizer.lr", "weights.fc1.weight.data[3]"
  std::string token;  // "1e999"
  size_t byte = 0;
};

// SAX handler that tracks the JSON path of the value being read and records where the parser
// gave up. Only used to explain a failed parse, so it is simple rather than fast.
class PathTracker : public nlohmann::json_sax<json> {
 public:
  NumberOverflow found;

  bool null() override { return value(); }
  bool boolean(bool /*val*/) override { return value(); }
  bool number_integer(number_integer_t /*val*/) override { return value(); }
  bool number_unsigned(number_unsigned_t /*val*/) override { return value(); }
  bool number_float(number_float_t /*val*/, const string_t& /*s*/) override { return value(); }
  bool string(string_t& /*val*/) override { return value(); }
  bool binary(binary_t& /*val*/) override { return value(); }
  bool start_object(std::size_t /*elements*/) override {
    stack_.push_back({true, "", 0});
    return true;
  }
  bool key(string_t& val) override {
    stack_.back().key = val;
    return true;
  }
  bool end_object() override { return end(); }
  bool start_array(std::size_t /*elements*/) override {
    stack_.push_back({false, "", 0});
    return true;
  }
  bool end_array() override { return end(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& /*ex*/) override {
    found.path = path();
    found.token = last_token;
    found.byte = position > last_token.size() ? position - last_token.size() : 0;
    return false;
  }

 private:
  struct Level {
    bool object;
    std::string key;
    size_t index;
  };
  std::string path() const {
    std::string p;
    for (const Level& l : stack_) {
      if (l.object)
        p += (p.empty() ? "" : ".") + l.key;
      else
        p += "[" + std::to_string(l.index) + "]";
    }
    return p;
  }
  bool value() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().index;
    return true;
  }
  bool end() {
    stack_.pop_back();
    return value();
  }
  std::vector<Level> stack_;
};

NumberOverflow find_number_overflow(const std::string& text) {
  PathTracker tracker;
  json::sax_parse(text, &tracker);
  if (tracker.found.token.empty()) tracker.found.token = "(a number)";
  return tracker.found;
}

}  // namespace

json parse_json_text(const std::string& text, const std::string& origin) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann: "[json.exception.parse_error.101] parse error at line 3, column 5: syntax ..."
    const size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw Error(origin + ": " + line_column(text, e.byte > 0 ? e.byte - 1 : 0) +
                ": not valid JSON (" + what + ")");
  } catch (const json::exception&) {
    // A number beyond double's range ("lr": 1e999) is an out_of_range error without a position:
    // find it again with a path-tracking pass.
    const NumberOverflow where = find_number_overflow(text);
    throw Error(origin + ": " + (where.path.empty() ? std::string("(top level)") : where.path) +
                ": the number " + where.token + " is too large (" + line_column(text, where.byte) +
                "; numbers must fit a 32-bit float, at most about 3.4e38)");
  }
}

namespace {

bool is_scalar_array(const json& v) {
  if (!v.is_array()) return false;
  for (const auto& e : v)
    if (e.is_structured()) return false;
  return true;
}

void pretty(const json& v, int indent, std::string& out) {
  const std::string pad(static_cast<size_t>(indent + 2), ' ');
  if (v.is_object() && !v.empty()) {
    out += "{\n";
    size_t i = 0;
    for (auto it = v.begin(); it != v.end(); ++it, ++i) {
      out += pad + json(it.key()).dump() + ": ";
      pretty(it.value(), indent + 2, out);
      out += i + 1 < v.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<size_t>(indent), ' ') + "}";
  } else if (v.is_array() && !v.empty() && !is_scalar_array(v)) {
    out += "[\n";
    for (size_t i = 0; i < v.size(); ++i) {
      out += pad;
      pretty(v[i], indent + 2, out);
      out += i + 1 < v.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<size_t>(indent), ' ') + "]";
  } else if (v.is_array()) {
    out += "[";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      out += v[i].dump();
    }
    out += "]";
  } else {
    out += v.dump();
  }
}

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) s += ", ";
    s += "'" + names[i] + "'";
  }
  return s;
}

}  // namespace

std::string to_pretty_json(const json& value) {
  std::string out;
  pretty(value, 0, out);
  out += "\n";
  return out;
}

json float_value(float v) {
  if (!std::isfinite(v)) return json(static_cast<double>(v));  // caller rejects non-finite
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);  // shortest text that reads as v
  const double d = std::strtod(std::string(buf, res.ptr).c_str(), nullptr);
  // The double nearest that text prints just as short; fall back to the exact double if the
  // double rounding ever lands on another float.
  if (static_cast<float>(d) == v) return json(d);
  return json(static_cast<double>(v));
}

std::string describe(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  std::string s = value.dump();
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

JsonObject::JsonObject(const json& value, std::string origin, std::string path,
                       const std::vector<std::string>& allowed)
    : value_(&value), origin_(std::move(origin)), path_(std::move(path)) {
  if (!value.is_object()) fail_here("expected an object, got " + describe(value));
  for (auto it = value.begin(); it != value.end(); ++it) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == it.key();
    if (known) continue;
    std::string msg = "unknown key '" + it.key() + "'";
    const std::string hint = closest_name(it.key(), allowed);
    if (!hint.empty())
      msg += " (did you mean '" + hint + "'?)";
    else if (!allowed.empty())
      msg += " (allowed here: " + join_names(allowed) + ")";
    else
      msg += " (no keys are allowed here)";
    fail_here(msg);
  }
}

std::string JsonObject::path_of(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

void JsonObject::fail(const char* key, const std::string& what) const {
  throw Error(origin_ + ": " + path_of(key) + ": " + what);
}

void JsonObject::fail_here(const std::string& what) const {
  throw Error(origin_ + ": " + (path_.empty() ? std::string("(top level)") : path_) + ": " + what);
}

void JsonObject::fail_unknown_name(const char* key, const std::string& name,
                                   const std::vector<std::string>& names) const {
  std::string msg = "unknown name '" + name + "'";
  const std::string hint = closest_name(name, names);
  if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
  msg += "; allowed: " + join_names(names);
  fail(key, msg);
}

std::string JsonObject::get_string(const char* key, const std::string& fallback) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  if (!v.is_string()) fail(key, "expected a string, got " + describe(v));
  return v.get<std::string>();
}

bool JsonObject::get_bool(const char* key, bool fallback) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  if (!v.is_boolean()) fail(key, "expected true or false, got " + describe(v));
  return v.get<bool>();
}

int64_t JsonObject::get_int(const char* key, int64_t fallback, int64_t min, int64_t max) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  int64_t x = 0;
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      fail(key, "the integer " + v.dump() + " is too large");
    x = v.get<int64_t>();
  } else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() &&
             std::fabs(v.get<double>()) < 9e15) {
    x = static_cast<int64_t>(v.get<double>());
  } else {
    fail(key, "expected an integer, got " + describe(v));
  }
  if (x < min || x > max) {
    std::string range = max == INT64_MAX ? ">= " + std::to_string(min)
                                         : std::to_string(min) + ".." + std::to_string(max);
    fail(key, "the value " + std::to_string(x) + " is out of range (allowed: " + range + ")");
  }
  return x;
}

uint64_t JsonObject::get_uint64(const char* key, uint64_t fallback) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  if (v.is_number_unsigned()) return v.get<uint64_t>();
  if (v.is_number_integer()) fail(key, "expected a non-negative integer, got " + describe(v));
  return static_cast<uint64_t>(get_int(key, 0, 0));
}

double JsonObject::get_double(const char* key, double fallback) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  if (!v.is_number()) fail(key, "expected a number, got " + describe(v));
  return v.get<double>();
}

float JsonObject::get_float(const char* key, float fallback) const {
  if (!has(key)) return fallback;
  const double d = get_double(key, 0.0);
  const std::string problem = float_range_problem(raw(key));
  if (!problem.empty()) fail(key, problem);
  return static_cast<float>(d);
}

std::string float_range_problem(const json& value) {
  if (!value.is_number()) return "not a number: " + describe(value);
  const double d = value.get<double>();
  if (std::isfinite(static_cast<float>(d))) return "";
  return "the number " + value.dump() +
         " is too large for a 32-bit float (at most about 3.4e38 in magnitude)";
}

std::vector<int64_t> JsonObject::get_int_array(const char* key,
                                               const std::vector<int64_t>& fallback) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  if (!v.is_array()) fail(key, "expected an array of integers, got " + describe(v));
  std::vector<int64_t> out;
  for (size_t i = 0; i < v.size(); ++i) {
    const json& e = v[i];
    const std::string element = "element " + std::to_string(i);
    if (e.is_number_unsigned() && e.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
      fail(key, element + " (" + e.dump() + ") is too large");
    if (e.is_number_integer()) {
      out.push_back(e.get<int64_t>());
      continue;
    }
    // 1e10 is a whole number written as a float: read it as one, or say it is too large.
    const bool whole = e.is_number_float() && std::floor(e.get<double>()) == e.get<double>();
    if (whole && std::fabs(e.get<double>()) >= 9e15)
      fail(key, element + " (" + e.dump() + ") is too large");
    if (!whole) fail(key, element + " should be an integer, got " + describe(e));
    out.push_back(static_cast<int64_t>(e.get<double>()));
  }
  return out;
}

std::vector<std::string> JsonObject::get_string_array(
    const char* key, const std::vector<std::string>& fallback) const {
  if (!has(key)) return fallback;
  const json& v = raw(key);
  if (!v.is_array()) fail(key, "expected an array of strings, got " + describe(v));
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string())
      fail(key, "element " + std::to_string(i) + " should be a string, got " + describe(v[i]));
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

JsonObject JsonObject::child(const char* key, const std::vector<std::string>& allowed) const {
  return JsonObject(raw(key), origin_, path_of(key), allowed);
}

}  // namespace bp::io
