#include "engine/onnx/onnx_import.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/error.h"
#include "engine/graph/shape_inference.h"
#include "engine/onnx/onnx_import_convert.h"
#include "engine/onnx/onnx_import_finish.h"
#include "engine/onnx/onnx_import_model.h"

namespace bp {
namespace {

// Text from the file that goes into the project (JSON, UTF-8): printable ASCII only, so a
// damaged or foreign-encoded name cannot make an unwritable project.
std::string printable(const std::string& s) {
  std::string out;
  for (const char ch : s) out += ch >= 0x20 && ch < 0x7f ? ch : '?';
  return out;
}

// A data set the model plausibly fits, so the project can be evaluated and trained at once.
void choose_dataset(Project& p, const Shape& in, const Shape& out, bool normalizes,
                    std::vector<std::string>& notes) {
  if (normalizes) {
    p.dataset.normalize = true;
    p.dataset.standardize = true;
    notes.push_back(
        "the model normalizes its input inside the graph ((x - mean) / std, as the studio's "
        "export writes it): those nodes were dropped and the data set's normalization "
        "(statistics of the training split) is on instead");
  }
  if (in == Shape{1, 28, 28} && out == Shape{10}) {
    p.dataset.source = DatasetSource::MnistDigits;
    p.dataset.normalize = normalizes;
    notes.push_back(normalizes ? "data set: the bundled MNIST digits, normalized"
                               : "data set: the bundled MNIST digits with pixels in [0, 1] "
                                 "(normalize off, as torchvision's ToTensor() gives); change it "
                                 "if the model was trained on other data");
    return;
  }
  notes.push_back("data set: left at the default (" +
                  std::string(in.rank() == 1 && in[0] == 2 ? "the spiral toy"
                                                           : "the spiral toy, "
                                                             "which does not fit this input") +
                  "); choose the data the model was trained on before training or evaluating");
}

void check_result(const Project& p, const std::string& origin) {
  const ShapeReport report = infer_shapes(p.network);
  if (!report.ok())
    throw Error(origin +
                ": the imported network is not valid: " + report.diagnostics.front().message);
  const auto shapes = parameter_shapes(p.network);
  for (const auto& [name, shape] : shapes) {
    const auto it = p.weights.find(name);
    if (it == p.weights.end())
      throw Error(origin + ": internal error: the imported model has no values for " + name);
    if (static_cast<int64_t>(it->second.size()) != shape.numel())
      throw Error(origin + ": " + name + " holds " + std::to_string(it->second.size()) +
                  " values but the layer needs " + shape.to_string());
  }
  for (const auto& [name, values] : p.weights) {
    if (!shapes.count(name)) throw Error(origin + ": internal error: stray weights " + name);
    for (float v : values)
      if (!(v - v == 0.0f))
        throw Error(origin + ": " + name + " holds a non-finite number (NaN or infinity)");
  }
  // What the studio writes it must read back: parameter ranges, names, sizes.
  try {
    (void)parse_project(project_to_json(p), origin);
  } catch (const std::exception& e) {
    throw Error(origin +
                ": the imported model has a setting the studio does not allow: " + e.what());
  }
}

}  // namespace

OnnxImport import_onnx(const std::string& bytes, const std::string& origin) {
  const onnx_import::Model model = onnx_import::decode_model(bytes, origin);
  onnx_import::Converter c(model, origin);
  c.run();
  OnnxImport result;
  Project& p = result.project;
  p.network = std::move(c.network);
  p.weights = std::move(c.weights);
  onnx_import::prune_unused(p.network, c.output_node, p.weights);
  const int output = onnx_import::fuse_activations(p.network, c.output_node);
  onnx_import::drop_unused_affine(p.network, c.folds(), p.weights);
  onnx_import::lay_out(p.network);
  const std::filesystem::path path(origin);
  p.name = printable(path.stem().string().empty() ? model.graph_name : path.stem().string());
  p.description =
      printable("Imported from " + path.filename().string() +
                (model.producer.empty() ? "" : " (made by " + model.producer + ")") + ".");
  const ShapeReport shapes = infer_shapes(p.network);
  const NodeSpec* out_node = p.network.find(output);
  if (shapes.ok() && out_node) {
    const Shape in = p.network.nodes.front().params.input_shape;
    const Shape out = *shapes.nodes.at(output).output;
    choose_dataset(p, in, out, c.dropped_input_normalization, result.notes);
    if (out_node->kind == NodeKind::Softmax)
      result.notes.push_back(
          "the network ends in Softmax: CrossEntropyLoss expects logits, so "
          "remove the Softmax node before training (evaluation is unaffected)");
  }
  check_result(p, origin);
  return result;
}

OnnxImport import_onnx_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(path + ": no such file (or not a regular file)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot be opened for reading");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw Error(path + ": reading failed");
  return import_onnx(s.str(), path);
}

}  // namespace bp
