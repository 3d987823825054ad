// backprop import MODEL.onnx --out PROJECT.json: an ONNX model (PyTorch's torch.onnx.export or
// the studio's own export) as a project, its network laid out for the editor and its weights
// (engine/onnx/onnx_import.h).
#include <cstdio>

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/project.h"
#include "engine/onnx/onnx_import.h"

namespace bp::cli {
namespace {

constexpr const char* kHelp =
    "usage: backprop import MODEL.onnx --out PROJECT.json\n"
    "\n"
    "Reads an ONNX model (made by PyTorch's torch.onnx.export, opset 13, or by the studio) and\n"
    "writes it as a project: the network laid out for the editor, with its trained weights.\n"
    "Unsupported operators are listed by name. The operators and patterns it reads are in\n"
    "docs/onnx-import.md. Exit status: 0 written, 2 bad input (unreadable or unsupported model).\n";

}  // namespace

int run_import(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args("import", argv, {{"out"}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!args.project)
    throw UsageError("import: which model? usage: backprop import MODEL.onnx --out PROJECT.json");
  const auto out = args.value("out");
  if (!out || out->empty()) throw UsageError("import: say where to write: --out PROJECT.json");
  const OnnxImport imported = import_onnx_file(*args.project);
  write_project(imported.project, *out);
  const ShapeReport report = infer_shapes(imported.project.network);
  std::printf("wrote %s: %zu layers, %lld parameters\n", out->c_str(),
              imported.project.network.nodes.size() - 1,
              static_cast<long long>(report.total_parameters));
  for (const std::string& note : imported.notes) print_note(note);
  return 0;
}

}  // namespace bp::cli
