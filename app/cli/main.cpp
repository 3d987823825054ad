// backprop: the command-line front end (composition root for headless runs).
//   backprop train PROJECT [options]     train, write metrics.csv and model.json
//   backprop evaluate PROJECT            test loss/accuracy of the stored weights (JSON)
//   backprop info PROJECT                nodes, shapes, parameter counts, diagnostics
//   backprop export PROJECT --pytorch F  the network as PyTorch code
//   backprop import MODEL.onnx --out P   an ONNX model as a project
// Exit status: 0 ok, 1 training failed, 2 bad input (one-line message on stderr).
#include <cstdio>
#include <exception>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/common/allocator.h"

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/core/error.h"

namespace {

constexpr const char* kUsage =
    "usage: backprop <command> PROJECT [options]\n"
    "\n"
    "commands:\n"
    "  train      train a project: per-epoch metrics, DIR/metrics.csv, DIR/model.json\n"
    "  evaluate   loss and accuracy of a trained project (model.json) on its test split\n"
    "  info       the network's layers, output shapes and parameter counts\n"
    "  export     the network as PyTorch code that loads the weights (--pytorch FILE.py)\n"
    "  compare    runs side by side from the same start (--vary optimizer=SGD,Adam,...)\n"
    "  import     an ONNX model as a project (backprop import MODEL.onnx --out PROJECT.json)\n"
    "\n"
    "See `backprop <command> --help`. Project format: docs/project-format.md.\n";

// "[json.exception.type_error.302] type must be number" -> "type must be number".
std::string strip_json_prefix(const std::string& what) {
  const size_t close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

// "filesystem error: cannot create directories: Permission denied [out/x]" -> "out/x: cannot
// create directories: Permission denied".
std::string filesystem_message(const std::filesystem::filesystem_error& e) {
  std::string what = e.code().message();
  const std::string path = e.path1().string();
  std::string op = e.what();
  const std::string prefix = "filesystem error: ";
  if (op.rfind(prefix, 0) == 0) op = op.substr(prefix.size());
  const size_t colon = op.find(':');
  op = colon == std::string::npos ? op : op.substr(0, colon);
  return (path.empty() ? std::string() : path + ": ") + op + ": " + what;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace bp::cli;
  bp::app::tune_allocator();
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return static_cast<int>(ExitCode::BadInput);
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "train") return run_train(args);
    if (command == "evaluate") return run_evaluate(args);
    if (command == "info") return run_info(args);
    if (command == "export") return run_export(args);
    if (command == "compare") return run_compare(args);
    if (command == "import") return run_import(args);
    print_error(
        "unknown command '" + command +
        "' (commands: train, evaluate, info, export, compare, import; see backprop --help)");
    return static_cast<int>(ExitCode::BadInput);
  } catch (const UsageError& e) {
    print_error(e.what());
    return static_cast<int>(ExitCode::BadInput);
  } catch (const bp::Error& e) {
    print_error(e.what());
    return static_cast<int>(ExitCode::BadInput);
  } catch (const std::bad_alloc&) {
    print_error("out of memory (try a smaller batch_size or network)");
    return static_cast<int>(ExitCode::TrainingFailed);
  } catch (const std::filesystem::filesystem_error& e) {
    print_error(filesystem_message(e));
    return static_cast<int>(ExitCode::BadInput);
  } catch (const nlohmann::json::exception& e) {
    // The project reader translates what it knows; anything left is still a bad file.
    print_error("the project file could not be read: " + strip_json_prefix(e.what()));
    return static_cast<int>(ExitCode::BadInput);
  } catch (const std::length_error&) {
    print_error("a size in the input is too large to allocate (check the shapes and counts)");
    return static_cast<int>(ExitCode::BadInput);
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return static_cast<int>(ExitCode::TrainingFailed);
  }
}
