// backprop export PROJECT --pytorch FILE.py: the network as PyTorch code (engine/io/
// pytorch_export.h) that loads the project's weights; --report and --animation: report_command.h.
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/report_command.h"
#include "engine/io/atomic_write.h"
#include "engine/io/pytorch_export.h"

namespace bp::cli {
namespace {

constexpr const char* kHelp =
    "usage: backprop export PROJECT --pytorch FILE.py\n"
    "       backprop export PROJECT --report FILE.html|FILE.pdf\n"
    "       backprop export PROJECT --animation FILE.gif [--frames N] [--epochs E]\n"
    "\n"
    "Writes the project's network as a PyTorch script: a torch.nn.Module with one attribute per\n"
    "layer, and load_weights(model, path) for the weights of a project or of the model.json that\n"
    "`backprop train` writes. Run it as `python3 FILE.py model.json`.\n"
    "\n"
    "--report writes an experiment report (self-contained HTML, or PDF): the network, the\n"
    "hyperparameters, the dataset, the curves, the final metrics, the confusion matrix and the\n"
    "seeds. --animation trains the project again from its seed and writes the decision boundary\n"
    "at N evenly spaced epochs (default 60) of E epochs (default: the project's) as an animated\n"
    "GIF (2-D data only).\n";

}  // namespace

int run_export(const std::vector<std::string>& argv) {
  const ParsedArgs args =
      parse_args("export", argv, {{"pytorch"}, {"report"}, {"animation"}, {"frames"}, {"epochs"}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  const auto out = args.value("pytorch");
  const bool figures = wants_report_exports(args);
  if ((!out && !figures) || (out && out->empty()))
    throw UsageError(
        "export: say where to write: --pytorch FILE.py, --report FILE.html|FILE.pdf or "
        "--animation FILE.gif");
  const Project project = load_project(args);
  if (!check_network(project.network, *args.project)) return static_cast<int>(ExitCode::BadInput);
  if (out) {
    atomic_write_file(*out, export_pytorch(project));
    std::printf("wrote %s\n", out->c_str());
  }
  return figures ? run_report_exports(args, project) : 0;
}

}  // namespace bp::cli
