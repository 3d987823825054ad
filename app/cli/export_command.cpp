// backprop export PROJECT --pytorch FILE.py | --onnx FILE.onnx | --report FILE.html|.pdf |
// --animation FILE.gif: the network as PyTorch code (engine/io/pytorch_export.h) that loads the
// project's weights, as an ONNX model with its trained weights and its input normalization
// (engine/onnx/onnx_export.h), an experiment report or a boundary animation (report_command.h).
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/report_command.h"
#include "engine/io/atomic_write.h"
#include "engine/io/pytorch_export.h"
#include "engine/onnx/onnx_export.h"

namespace bp::cli {
namespace {

constexpr const char* kHelp =
    "usage: backprop export PROJECT --pytorch FILE.py\n"
    "       backprop export PROJECT --onnx FILE.onnx\n"
    "       backprop export PROJECT --report FILE.html|FILE.pdf\n"
    "       backprop export PROJECT --animation FILE.gif [--frames N] [--epochs E]\n"
    "\n"
    "Writes the project's network as a PyTorch script: a torch.nn.Module with one attribute per\n"
    "layer, load_weights(model, path) for the weights of a project or of the model.json that\n"
    "`backprop train` writes, and a training loop with the project's optimizer, schedule, loss,\n"
    "regularization, batch size and data. `python3 FILE.py PROJECT.json` continues where the\n"
    "app stopped (optimizer state and sample order included); it runs unchanged under\n"
    "DistributedDataParallel (`torchrun --nproc_per_node=N`, or the env:// variables\n"
    "MASTER_ADDR MASTER_PORT RANK WORLD_SIZE LOCAL_RANK). `python3 FILE.py --help` says more.\n"
    "\n"
    "--onnx writes the trained network as an ONNX model (opset 13) that ONNX Runtime, OpenCV and\n"
    "other runtimes read: input \"input\" (N, ...) takes raw features or pixels in [0, 1] (the\n"
    "data set's normalization is part of the graph), output \"output\" the network's outputs; the\n"
    "model's doc_string lists the classes. The project must hold trained weights. docs/onnx.md.\n"
    "\n"
    "--report writes an experiment report (self-contained HTML, or PDF): the network, the\n"
    "hyperparameters, the dataset, the curves, the final metrics, the confusion matrix and the\n"
    "seeds. --animation trains the project again from its seed and writes the decision boundary\n"
    "at N evenly spaced epochs (default 60) of E epochs (default: the project's) as an animated\n"
    "GIF (2-D data only).\n";

}  // namespace

int run_export(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(
      "export", argv, {{"pytorch"}, {"onnx"}, {"report"}, {"animation"}, {"frames"}, {"epochs"}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  const auto out = args.value("pytorch");
  const auto onnx = args.value("onnx");
  const bool figures = wants_report_exports(args);
  if ((!out && !onnx && !figures) || (out && out->empty()) || (onnx && onnx->empty()))
    throw UsageError(
        "export: say where to write: --pytorch FILE.py, --onnx FILE.onnx, --report "
        "FILE.html|FILE.pdf or --animation FILE.gif");
  const Project project = load_project(args);
  if (!check_network(project.network, *args.project)) return static_cast<int>(ExitCode::BadInput);
  if (out) {
    atomic_write_file(*out, export_pytorch(project));
    std::printf("wrote %s\n", out->c_str());
  }
  if (onnx) {
    atomic_write_file(*onnx, export_onnx(project));  // bp::Error (exit 2) says what to change
    std::printf("wrote %s\n", onnx->c_str());
  }
  return figures ? run_report_exports(args, project) : 0;
}

}  // namespace bp::cli
