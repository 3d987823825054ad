#include "app/cli/cli_args.h"

#include <charconv>

#include "engine/io/config_names.h"

namespace bp::cli {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> ParsedArgs::int_value(const std::string& name, int64_t min,
                                             int64_t max) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  int64_t x = 0;
  const char* end = v->data() + v->size();
  auto [ptr, ec] = std::from_chars(v->data(), end, x);
  if (ec != std::errc() || ptr != end)
    throw UsageError("--" + name + " expects an integer, got '" + *v + "'");
  if (x < min || x > max)
    throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " +
                     std::to_string(max) + ", got " + *v);
  return x;
}

ParsedArgs parse_args(const std::string& command, const std::vector<std::string>& args,
                      const std::vector<OptionSpec>& options) {
  ParsedArgs parsed;
  parsed.command = command;
  std::vector<std::string> names;
  for (const auto& o : options) names.push_back("--" + o.name);
  names.push_back("--help");
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      parsed.help = true;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      std::string name = a.substr(a.rfind("--", 0) == 0 ? 2 : 1);
      std::optional<std::string> inline_value;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const OptionSpec* spec = nullptr;
      for (const auto& o : options)
        if (o.name == name) spec = &o;
      if (!spec) {
        std::string msg = "unknown option '" + a + "' for '" + command + "'";
        const std::string hint = closest_name("--" + name, names);
        if (!hint.empty()) msg += " (did you mean '" + hint + "'?)";
        throw UsageError(msg + "; see backprop " + command + " --help");
      }
      if (!spec->takes_value) {
        if (inline_value) throw UsageError("--" + name + " takes no value");
        parsed.values[name] = "";
      } else if (inline_value) {
        parsed.values[name] = *inline_value;
      } else {
        if (i + 1 >= args.size()) throw UsageError("--" + name + " needs a value");
        parsed.values[name] = args[++i];
      }
      continue;
    }
    if (parsed.project)
      throw UsageError("unexpected argument '" + a + "' (only one PROJECT file is taken)");
    parsed.project = a;
  }
  return parsed;
}

}  // namespace bp::cli
