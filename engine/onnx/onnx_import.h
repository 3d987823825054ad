#pragma once
// ONNX import: a model made by PyTorch's torch.onnx.export (opset 13) or by the studio's own
// exporter becomes a Project — the network laid out for the editor, with its weights in the
// engine's (PyTorch's) parameter layout — so a model trained elsewhere can be looked inside and
// trained on. docs/onnx-import.md lists the operators and patterns it reads.
//
// Errors are bp::Error with a message that names the file: a damaged or truncated file, a
// malformed graph, or every unsupported operator by name in one message. Never a crash.
#include <string>
#include <vector>

#include "engine/io/project.h"

namespace bp {

struct OnnxImport {
  Project project;
  // What the user should know about the result: the data set that was chosen, a Softmax at the
  // end (CrossEntropyLoss expects logits), ...
  std::vector<std::string> notes;
};

// `bytes`: the .onnx file's contents; `origin` names it in messages and gives the project its
// name (its file stem).
OnnxImport import_onnx(const std::string& bytes, const std::string& origin);
// Reads `path` (bp::Error when it cannot be read).
OnnxImport import_onnx_file(const std::string& path);

}  // namespace bp
