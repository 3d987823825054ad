// backprop export PROJECT --pytorch FILE.py: the network as PyTorch code (engine/io/
// pytorch_export.h) that loads the project's weights.
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/io/atomic_write.h"
#include "engine/io/pytorch_export.h"

namespace bp::cli {
namespace {

constexpr const char* kHelp =
    "usage: backprop export PROJECT --pytorch FILE.py\n"
    "\n"
    "Writes the project's network as a PyTorch script: a torch.nn.Module with one attribute per\n"
    "layer, load_weights(model, path) for the weights of a project or of the model.json that\n"
    "`backprop train` writes, and a training loop with the project's optimizer, schedule, loss,\n"
    "regularization, batch size and data. `python3 FILE.py PROJECT.json` continues where the\n"
    "app stopped (optimizer state and sample order included); it runs unchanged under\n"
    "DistributedDataParallel (`torchrun --nproc_per_node=N`, or the env:// variables\n"
    "MASTER_ADDR MASTER_PORT RANK WORLD_SIZE LOCAL_RANK). `python3 FILE.py --help` says more.\n";

}  // namespace

int run_export(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args("export", argv, {{"pytorch"}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  const auto out = args.value("pytorch");
  if (!out || out->empty()) throw UsageError("export: say where to write: --pytorch FILE.py");
  const Project project = load_project(args);
  if (!check_network(project.network, *args.project)) return static_cast<int>(ExitCode::BadInput);
  atomic_write_file(*out, export_pytorch(project));
  std::printf("wrote %s\n", out->c_str());
  return 0;
}

}  // namespace bp::cli
