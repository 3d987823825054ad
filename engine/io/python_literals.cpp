#include "engine/io/python_literals.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bp {

std::string py_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string py_float(double v) {
  if (std::isnan(v)) return "float(\"nan\")";
  if (std::isinf(v)) return v > 0 ? "float(\"inf\")" : "-float(\"inf\")";
  const float f = static_cast<float>(v);
  char buf[40];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(f));
    if (std::strtof(buf, nullptr) == f) break;
  }
  std::string text = buf;
  // A Python float even when it is whole ("1" -> "1.0"), so torch keeps float arguments floats.
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string py_bool(bool v) {
  return v ? "True" : "False";
}

}  // namespace bp
