#pragma once
// Command-line parsing for `backprop CMD PROJECT [options]`: one positional PROJECT, options as
// "--name VALUE" or "--name=VALUE", flags as "--name". Bad arguments throw UsageError with a
// one-line message (exit code 2).
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bp::cli {

// 3: interrupted by SIGINT/SIGTERM/SIGHUP after the state was saved (`train --resume` goes on).
enum class ExitCode : int { Ok = 0, TrainingFailed = 1, BadInput = 2, Interrupted = 3 };

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;  // without dashes: "epochs"
  bool takes_value = true;
};

struct ParsedArgs {
  std::string command;
  std::optional<std::string> project;
  std::map<std::string, std::string> values;  // option -> value ("" for flags)
  bool help = false;

  bool flag(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  // Integer option within [min, max]; throws UsageError naming the option otherwise.
  std::optional<int64_t> int_value(const std::string& name, int64_t min, int64_t max) const;
};

// args: everything after the command name.
ParsedArgs parse_args(const std::string& command, const std::vector<std::string>& args,
                      const std::vector<OptionSpec>& options);

}  // namespace bp::cli
