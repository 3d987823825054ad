#include "engine/onnx/onnx_export.h"

#include <onnx/checker.h>

#include <exception>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/names.h"
#include "engine/graph/shape_inference.h"
#include "engine/onnx/onnx_writer.h"

namespace bp {
namespace {

constexpr int64_t kOpset = 13;
constexpr int64_t kIrVersion = 7;

bool has_derived(const OnnxExportOptions& o) {
  return o.feature_x2 || o.feature_y2 || o.feature_xy || o.feature_sinx || o.feature_siny;
}

void set_tensor_type(onnx::ValueInfoProto& v, const std::string& name, const Shape& per_sample) {
  v.set_name(name);
  onnx::TypeProto_Tensor* t = v.mutable_type()->mutable_tensor_type();
  t->set_elem_type(onnx::TensorProto::FLOAT);
  onnx::TensorShapeProto* s = t->mutable_shape();
  s->add_dim()->set_dim_param("N");  // any batch size
  for (int i = 0; i < per_sample.rank(); ++i) s->add_dim()->set_dim_value(per_sample[i]);
}

// The data set's input preparation: raw (N, raw...) -> what the network was trained on.
std::string prepare_input(OnnxProtoGraph& g, const OnnxExportOptions& o, std::string x,
                          const Shape& network_input) {
  g.set_layer("input");
  if (has_derived(o)) {  // (x1, x2) -> (x1, x2, x1^2, x2^2, x1 x2, sin x1, sin x2) as chosen
    const std::string axis = g.constant_i64("input.axis", {1}, {1});
    auto column = [&](int64_t c) {
      return g.node("Slice", {x, g.constant_i64("input.start", {1}, {c}),
                              g.constant_i64("input.end", {1}, {c + 1}), axis});
    };
    const std::string x1 = column(0), x2 = column(1);
    std::vector<std::string> cols{x};
    if (o.feature_x2) cols.push_back(g.node("Mul", {x1, x1}));
    if (o.feature_y2) cols.push_back(g.node("Mul", {x2, x2}));
    if (o.feature_xy) cols.push_back(g.node("Mul", {x1, x2}));
    if (o.feature_sinx) cols.push_back(g.node("Sin", {x1}));
    if (o.feature_siny) cols.push_back(g.node("Sin", {x2}));
    x = g.node("Concat", cols, {{"axis", int64_t{1}}});
  }
  if (o.input_mean.empty()) return x;
  const int64_t n = static_cast<int64_t>(o.input_mean.size());
  if (network_input.rank() < 1 || network_input[0] != n ||
      o.input_std.size() != o.input_mean.size())
    throw Error("ONNX export: the data's normalization has " + std::to_string(n) +
                " statistics but the network's input is " + network_input.to_string() +
                ": make the Input shape match the data set, then train again");
  std::vector<int64_t> dims{n};
  for (int d = 1; d < network_input.rank(); ++d) dims.push_back(1);  // per channel: (C, 1, 1)
  x = g.node("Sub", {x, g.constant("input.mean", dims, o.input_mean)});
  return g.node("Div", {x, g.constant("input.std", dims, o.input_std)});
}

std::string join_floats(const std::vector<float>& v) {
  std::ostringstream s;
  for (size_t i = 0; i < v.size(); ++i) s << (i ? ", " : "") << v[i];
  return s.str();
}

std::string doc_string(const OnnxExportOptions& o, const Shape& raw, const Shape& out) {
  std::ostringstream d;
  d << (o.model_name.empty() ? std::string("Network") : o.model_name)
    << ": exported from Backprop Studio (ONNX opset " << kOpset << ").\n";
  if (!o.description.empty()) d << o.description << "\n";
  d << "\nInput 'input': float32 (N, ";
  for (int i = 0; i < raw.rank(); ++i) d << (i ? ", " : "") << raw[i];
  d << "), any batch size N. ";
  if (o.images)
    d << "Feed raw pixels scaled to [0, 1] (8-bit values divided by 255), channels first.";
  else
    d << "Feed the raw feature values, as in the data set.";
  if (has_derived(o)) d << " The graph computes the derived features (x1^2, x2^2, x1*x2, sin).";
  if (!o.input_mean.empty())
    d << " The graph applies the data set's " << (o.images ? "per-channel" : "per-feature")
      << " normalization itself, (x - mean) / std with mean = [" << join_floats(o.input_mean)
      << "], std = [" << join_floats(o.input_std) << "].";
  d << "\nOutput 'output': float32 (N, ";
  for (int i = 0; i < out.rank(); ++i) d << (i ? ", " : "") << out[i];
  d << "): ";
  if (o.task == TaskKind::Regression)
    d << "the predicted values.";
  else if (out.rank() == 1 && out[0] == 1)
    d << (o.loss == LossKind::BCEWithLogitsLoss ? "one logit; class 1 when it is above 0."
                                                : "one score; class 1 when it is above 0.5.");
  else
    d << "one score per class (logits unless the network ends in Softmax); the predicted class "
         "is the largest.";
  if (o.task == TaskKind::Classification) {
    d << "\nClasses:";
    const int k = std::max<int>(o.num_classes, static_cast<int>(o.class_names.size()));
    for (int c = 0; c < k; ++c)
      d << " " << c << " = "
        << (static_cast<size_t>(c) < o.class_names.size() ? o.class_names[static_cast<size_t>(c)]
                                                          : std::to_string(c))
        << (c + 1 < k ? ";" : ".");
  }
  return d.str();
}

}  // namespace

OnnxExportOptions onnx_export_options(const Project& project, const Dataset& train) {
  OnnxExportOptions o;
  o.model_name = project.name;
  o.description = project.description;
  o.task = train.task;
  o.loss = project.training.loss;
  o.class_names = train.class_names;
  o.num_classes = train.task == TaskKind::Classification ? train.num_classes : 0;
  o.images = train.sample_shape.rank() == 3;
  if (project.dataset.source == DatasetSource::Toy) {  // load_dataset derives them for toy data
    const DatasetSpec& s = project.dataset;
    o.feature_x2 = s.feature_x2;
    o.feature_y2 = s.feature_y2;
    o.feature_xy = s.feature_xy;
    o.feature_sinx = s.feature_sinx;
    o.feature_siny = s.feature_siny;
  }
  o.input_mean = train.input_mean;
  o.input_std = train.input_std;
  return o;
}

std::string export_onnx(const NetworkSpec& network,
                        const std::map<std::string, std::vector<float>>& weights,
                        const OnnxExportOptions& options) {
  const ShapeReport shapes = infer_shapes(network);
  if (!shapes.ok()) {
    std::string why;
    for (const auto& d : shapes.diagnostics) why += "\n  " + d.message;
    throw Error("cannot export a network with errors to ONNX:" + why);
  }
  const auto input = network.input_node();
  const auto output = network.output_node();
  if (!input || !output)
    throw Error("cannot export to ONNX: the network needs one input and one output");
  auto shape_of = [&](int id) { return *shapes.nodes.at(id).output; };
  const Shape network_input = shape_of(*input);
  const Shape raw_input = has_derived(options) ? Shape{2} : network_input;
  const std::map<std::string, Shape> parameter_dims = parameter_shapes(network);

  onnx::ModelProto model;
  model.set_ir_version(kIrVersion);
  onnx::OperatorSetIdProto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(kOpset);
  model.set_producer_name("Backprop Studio");
  model.set_producer_version("0.1");
  onnx::GraphProto& graph = *model.mutable_graph();
  graph.set_name(options.model_name.empty() ? std::string("network") : options.model_name);
  set_tensor_type(*graph.add_input(), "input", raw_input);

  OnnxProtoGraph g(graph, weights, parameter_dims);
  std::map<int, std::string> tensor;  // node id -> its output tensor
  tensor[*input] = prepare_input(g, options, "input", network_input);
  for (int id : network.topological_order()) {
    const NodeSpec& n = *network.find(id);
    if (n.kind == NodeKind::Input) continue;
    const LayerDescriptor& d = layer_descriptor(n.kind);
    if (!d.onnx_export)
      throw Error("ONNX export: " + std::string(d.pytorch_name) + " '" + n.name +
                  "' has no ONNX form: replace it with a layer ONNX knows, or export PyTorch code "
                  "(--pytorch) instead");
    std::vector<Shape> in_shapes;
    std::vector<std::string> in_names;
    for (int k : network.inputs_of(id)) {
      in_shapes.push_back(shape_of(k));
      in_names.push_back(tensor.at(k));
    }
    const Shape out_shape = shape_of(id);
    g.set_layer(n.name);
    tensor[id] = d.onnx_export({n, in_shapes, out_shape, in_names, g});
  }

  const std::string last = tensor.at(*output);
  bool produced = false;  // by a node (not the graph input or an initializer)
  for (const onnx::NodeProto& n : graph.node())
    for (const std::string& o : n.output()) produced = produced || o == last;
  g.set_layer("output");
  if (produced)
    g.rename(last, "output");
  else
    g.rename(g.node("Identity", {last}), "output");
  set_tensor_type(*graph.add_output(), "output", shape_of(*output));

  model.set_doc_string(doc_string(options, raw_input, shape_of(*output)));
  graph.set_doc_string(model.doc_string());
  if (options.task == TaskKind::Classification) {
    onnx::StringStringEntryProto* names = model.add_metadata_props();
    names->set_key("class_names");
    names->set_value(nlohmann::json(options.class_names).dump());
  }
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception& e) {
    throw Error(std::string("ONNX export wrote a model the ONNX checker rejects (please report "
                            "this bug): ") +
                e.what());
  }
  std::string bytes;
  if (!model.SerializeToString(&bytes)) throw Error("ONNX export: could not serialize the model");
  return bytes;
}

std::string export_onnx(const Project& project) {
  if (project.weights.empty())
    throw Error(
        "ONNX export: the project has no trained weights: train it (or open a project "
        "saved after training) before exporting");
  DatasetSplits splits;
  try {
    splits = load_dataset(project.dataset);
  } catch (const Error& e) {
    throw Error(std::string("ONNX export needs the project's data for its input normalization "
                            "and class names: ") +
                e.what());
  }
  return export_onnx(project.network, project.weights, onnx_export_options(project, splits.train));
}

}  // namespace bp
