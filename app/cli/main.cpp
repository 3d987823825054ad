// backprop: the command-line front end (composition root for headless runs).
//   backprop train PROJECT [options]     train, write metrics.csv and model.json
//   backprop evaluate PROJECT            test loss/accuracy of the stored weights (JSON)
//   backprop info PROJECT                nodes, shapes, parameter counts, diagnostics
//   backprop export PROJECT --pytorch F  the network as PyTorch code
// Exit status: 0 ok, 1 training failed, 2 bad input (one-line message on stderr).
#include <cstdio>
#include <exception>
#include <filesystem>
#include <new>
#include <string>
#include <vector>
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
    "\n"
    "See `backprop <command> --help`. Project format: docs/project-format.md.\n";

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
    print_error("unknown command '" + command +
                "' (commands: train, evaluate, info, export, compare; see backprop --help)");
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
    print_error(e.what());
    return static_cast<int>(ExitCode::BadInput);
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return static_cast<int>(ExitCode::TrainingFailed);
  }
}
