#include "engine/onnx/onnx_import_convert.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <utility>

#include "engine/core/error.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/names.h"

namespace bp::onnx_import {
namespace {

// "layer1.0.conv1" -> "layer1_0_conv1": node names prefix parameter names ("<node>.weight"),
// so they hold no dots; the rest is kept readable.
std::string sanitize(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    out += std::isalnum(u) || ch == '_' || ch == '-' ? ch : '_';
  }
  while (!out.empty() && out.front() == '_') out.erase(out.begin());
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// PyTorch 1.13 names nodes by module scope: "/fc1/Gemm", "/layer1/layer1.0/conv1/Conv". The
// scope is every component but the last (the operator); a component that extends the one before
// it ("layer1" -> "layer1.0") replaces it: "layer1.0.conv1".
std::string scope_of(const std::string& node_name) {
  if (node_name.empty() || node_name.front() != '/') return {};
  std::vector<std::string> parts;
  size_t begin = 1;
  for (size_t slash = node_name.find('/', begin); slash != std::string::npos;
       slash = node_name.find('/', begin)) {
    const std::string part = node_name.substr(begin, slash - begin);
    if (!parts.empty() && part.rfind(parts.back() + ".", 0) == 0)
      parts.back() = part;
    else if (!part.empty())
      parts.push_back(part);
    begin = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

// The operators some handler converts (in some forms). An operator outside this list is named in
// the error even when it only consumes the output of another unsupported operator.
bool is_known_op(const std::string& op) {
  static const char* const kKnown[] = {"Gemm",
                                       "MatMul",
                                       "Conv",
                                       "MaxPool",
                                       "AveragePool",
                                       "GlobalAveragePool",
                                       "BatchNormalization",
                                       "Relu",
                                       "Sigmoid",
                                       "Tanh",
                                       "LeakyRelu",
                                       "Elu",
                                       "Selu",
                                       "Softplus",
                                       "Gelu",
                                       "PRelu",
                                       "Softmax",
                                       "Flatten",
                                       "Concat",
                                       "Dropout",
                                       "Identity",
                                       "Constant",
                                       "Shape",
                                       "Reshape",
                                       "Gather",
                                       "Unsqueeze",
                                       "Squeeze",
                                       "Cast",
                                       "Add",
                                       "Mul",
                                       "Div",
                                       "Sub",
                                       "Pow",
                                       "Sqrt",
                                       "Erf",
                                       "ReduceMean",
                                       "Pad"};
  return std::find(std::begin(kKnown), std::end(kKnown), op) != std::end(kKnown);
}

}  // namespace

int64_t normalize_axis(int64_t axis, int rank) {
  return axis < 0 ? axis + rank : axis;
}

Converter::Converter(const Model& model, std::string origin)
    : model_(model), origin_(std::move(origin)) {}

// ---- values ----

const Value& Converter::value(const Node& n, size_t i) const {
  if (i >= n.inputs.size() || n.inputs[i].empty())
    fail(n, "input " + std::to_string(i) + " is missing (the operator needs it)");
  const auto it = values_.find(n.inputs[i]);
  if (it == values_.end())
    fail(n, "reads the value '" + n.inputs[i] +
                "', which no earlier node, initializer or graph input defines (the graph is not "
                "in topological order, or the file is damaged)");
  return it->second;
}

bool Converter::has_input(const Node& n, size_t i) const {
  return i < n.inputs.size() && !n.inputs[i].empty();
}

const ConstTensor* Converter::constant(const Node& n, size_t i) const {
  if (!has_input(n, i)) return nullptr;
  const Value& v = value(n, i);
  return v.kind == Value::Kind::Const ? &v.constant : nullptr;
}

const Value* Converter::tensor(const Node& n, size_t i) const {
  if (!has_input(n, i)) return nullptr;
  const Value& v = value(n, i);
  return v.kind == Value::Kind::Tensor ? &v : nullptr;
}

const Pending* Converter::pending(const Node& n, size_t i) const {
  if (!has_input(n, i)) return nullptr;
  const Value& v = value(n, i);
  return v.kind == Value::Kind::Pending ? &v.pending : nullptr;
}

const Value* Converter::require_tensor(const Node& n, size_t i) {
  const Value& v = value(n, i);
  if (v.kind == Value::Kind::Tensor) return &v;
  if (v.kind == Value::Kind::Pending) {
    const Pending p = v.pending;
    unsupported_pattern(p);
    for (const auto& out : n.outputs)
      if (!out.empty()) values_[out] = Value{};
  } else {
    unsupported(n, "on a constant input");
  }
  return nullptr;
}

const ConstTensor* Converter::require_const(const Node& n, size_t i, const std::string& what) {
  if (const ConstTensor* t = constant(n, i)) return t;
  unsupported(n, what + " is not a constant");
  return nullptr;
}

const Value& Converter::named(const Node& n, const std::string& value_name) const {
  const auto it = values_.find(value_name);
  if (it == values_.end()) fail(n, "reads the undefined value '" + value_name + "'");
  return it->second;
}

void Converter::set_output(const Node& n, Value v, size_t i) {
  if (i >= n.outputs.size() || n.outputs[i].empty()) fail(n, "has no output " + std::to_string(i));
  values_[n.outputs[i]] = std::move(v);
}

void Converter::alias_output(const Node& n, const std::string& from, size_t i) {
  const auto it = values_.find(from);
  if (it == values_.end()) fail(n, "reads the undefined value '" + from + "'");
  set_output(n, it->second, i);
}

Value Converter::make_const(ConstTensor t) const {
  Value v;
  v.kind = Value::Kind::Const;
  v.constant = std::move(t);
  return v;
}

Value Converter::make_pending(Pending p) const {
  Value v;
  v.kind = Value::Kind::Pending;
  v.pending = std::move(p);
  return v;
}

int Converter::uses(const std::string& value_name) const {
  const auto it = uses_.find(value_name);
  return it == uses_.end() ? 0 : it->second;
}

// ---- engine nodes ----

std::string Converter::node_name(const Node& onnx_node, NodeKind kind,
                                 const std::string& hint) const {
  std::vector<std::string> candidates;
  // A state_dict name ("conv1.weight") is the best name: the user wrote it.
  if (!hint.empty() && hint.rfind("onnx::", 0) != 0) {
    const size_t dot = hint.rfind('.');
    if (dot != std::string::npos && dot > 0) candidates.push_back(sanitize(hint.substr(0, dot)));
  }
  candidates.push_back(sanitize(scope_of(onnx_node.name)));
  for (const std::string& c : candidates) {
    if (c.empty() || c == "input") continue;
    const bool taken = std::any_of(network.nodes.begin(), network.nodes.end(),
                                   [&](const NodeSpec& s) { return s.name == c; });
    if (!taken) return c;
  }
  return network.unique_name(kind);
}

Value Converter::add_node(const Node& onnx_node, NodeKind kind, const LayerParams& params,
                          const std::vector<const Value*>& inputs, const std::string& name_hint) {
  std::vector<Shape> shapes;
  for (const Value* v : inputs) shapes.push_back(v->shape);
  const LayerDescriptor& d = layer_descriptor(kind);
  const std::unique_ptr<Layer> layer = d.make(params);
  const ShapeOrError out = layer->output_shape(shapes);
  if (const auto* message = std::get_if<std::string>(&out))
    fail(onnx_node,
         "becomes a " + std::string(d.pytorch_name) + " layer that does not fit: " + *message);
  NodeSpec node;
  node.id = network.next_node_id();
  node.kind = kind;
  node.params = params;
  node.name = node_name(onnx_node, kind, name_hint);
  network.nodes.push_back(node);
  int port = 0;
  for (const Value* v : inputs)
    network.edges.push_back({network.next_edge_id(), v->node, node.id, port++});
  Value v;
  v.kind = Value::Kind::Tensor;
  v.node = node.id;
  v.shape = std::get<Shape>(out);
  return v;
}

NodeSpec& Converter::spec_of(const Value& v) {
  NodeSpec* n = network.find(v.node);
  if (!n) throw Error(origin_ + ": internal error: a value refers to a missing node");
  return *n;
}

// ---- reporting ----

std::string Converter::where(const Node& n) const {
  return origin_ + ": node " + std::to_string(current_index_) + " (" + n.op_type +
         (n.name.empty() ? std::string() : " '" + n.name + "'") + ")";
}

void Converter::fail(const Node& n, const std::string& what) const {
  throw Error(where(n) + ": " + what);
}

void Converter::unsupported(const Node& n, const std::string& detail) {
  const std::string entry = n.op_type + (detail.empty() ? std::string() : " (" + detail + ")");
  if (unsupported_seen_.insert(entry).second) unsupported_.push_back(entry);
  for (size_t i = 0; i < n.outputs.size(); ++i)
    if (!n.outputs[i].empty()) values_[n.outputs[i]] = Value{};  // poison
}

void Converter::unsupported_pattern(const Pending& p) {
  for (const std::string& op : p.ops) {
    const std::string entry = op + " (outside a pattern the importer recognizes)";
    if (unsupported_seen_.insert(entry).second) unsupported_.push_back(entry);
  }
}

// ---- the walk ----

void Converter::input_node() {
  if (model_.inputs.size() != 1) {
    std::string names;
    for (const auto& in : model_.inputs) names += (names.empty() ? "" : ", ") + in.name;
    throw Error(origin_ + ": the model has " + std::to_string(model_.inputs.size()) + " inputs" +
                (names.empty() ? "" : " (" + names + ")") + "; a studio network has exactly one");
  }
  const ValueInfo& in = model_.inputs.front();
  if (in.elem_type != 1)
    throw Error(origin_ + ": the input '" + in.name + "' is not a float32 tensor (ONNX type " +
                std::to_string(in.elem_type) + ")");
  if (!in.has_shape || in.dims.size() < 2 || in.dims.size() > 4)
    throw Error(origin_ + ": the input '" + in.name +
                "' must have a batch dimension and 1 to 3 sample dimensions, e.g. [N, 2] or "
                "[N, 1, 28, 28]" +
                (in.has_shape ? ", but it has " + std::to_string(in.dims.size()) + " dimensions"
                              : ", but the file gives no shape"));
  std::vector<int64_t> sample(in.dims.begin() + 1, in.dims.end());
  for (int64_t d : sample)
    if (d > 1000000)
      throw Error(origin_ + ": the input '" + in.name + "' has a dimension of " +
                  std::to_string(d) + " (at most 1000000)");
  for (int64_t d : sample)
    if (d <= 0)
      throw Error(origin_ + ": the input '" + in.name +
                  "' has a symbolic sample dimension: only the batch dimension may vary (export "
                  "with a fixed sample shape)");
  input_batch_ = in.dims.front();
  NodeSpec node;
  node.id = network.next_node_id();
  node.kind = NodeKind::Input;
  node.name = "input";
  node.params.input_shape = sample.size() == 1   ? Shape{sample[0]}
                            : sample.size() == 2 ? Shape{sample[0], sample[1]}
                                                 : Shape{sample[0], sample[1], sample[2]};
  network.nodes.push_back(node);
  Value v;
  v.kind = Value::Kind::Tensor;
  v.node = node.id;
  v.shape = node.params.input_shape;
  values_[in.name] = v;
}

void Converter::convert(const Node& n) {
  if (!n.domain.empty() && n.domain != "ai.onnx") {
    unsupported(n, "domain '" + n.domain + "'");
    return;
  }
  // Consumers of an unsupported operator stay quiet unless they are unsupported themselves.
  bool poisoned = false;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    if (n.inputs[i].empty()) continue;
    const Value& v = value(n, i);
    if (v.kind == Value::Kind::Poison) poisoned = true;
  }
  if (poisoned) {
    if (!is_known_op(n.op_type)) return unsupported(n);
    for (const auto& out : n.outputs)
      if (!out.empty()) values_[out] = Value{};
    return;
  }
  if (convert_shape_op(*this, n) || convert_pattern_op(*this, n) || convert_layer_op(*this, n))
    return;
  unsupported(n);
}

void Converter::finish_output() {
  if (model_.outputs.size() != 1)
    throw Error(origin_ + ": the model has " + std::to_string(model_.outputs.size()) +
                " outputs; a studio network has exactly one");
  const std::string& name = model_.outputs.front().name;
  const auto it = values_.find(name);
  if (it == values_.end())
    throw Error(origin_ + ": the graph output '" + name + "' is not produced by any node");
  const Value& v = it->second;
  if (v.kind == Value::Kind::Pending) unsupported_pattern(v.pending);
  if (!unsupported_.empty()) {
    std::string list;
    for (const auto& u : unsupported_) list += (list.empty() ? "" : ", ") + u;
    throw Error(origin_ + ": unsupported operators: " + list +
                ". The importer reads the operators of the studio's layers (see "
                "docs/onnx-import.md): Gemm, MatMul, Conv, MaxPool, AveragePool, "
                "GlobalAveragePool, BatchNormalization, Relu, LeakyRelu, Sigmoid, Tanh, Elu, Selu, "
                "Softplus, PRelu, Softmax, Flatten, Reshape, Add, Concat, Dropout, Identity, Pad, "
                "and the GELU, SiLU and LayerNorm patterns");
  }
  if (v.kind == Value::Kind::Const)
    throw Error(origin_ + ": the graph output '" + name +
                "' is a constant: the model does not depend on its input");
  if (v.kind != Value::Kind::Tensor)
    throw Error(origin_ + ": the graph output '" + name + "' could not be converted");
  if (network.find(v.node)->kind == NodeKind::Input)
    throw Error(origin_ +
                ": the model passes its input through unchanged: there is no layer to "
                "import");
  output_node = v.node;
}

void Converter::run() {
  for (const auto& [name, t] : model_.initializers) values_[name] = make_const(t);
  input_node();
  for (const Node& n : model_.nodes)
    for (const auto& in : n.inputs)
      if (!in.empty()) ++uses_[in];
  for (const auto& out : model_.outputs) ++uses_[out.name];
  current_index_ = 0;
  for (const Node& n : model_.nodes) {
    convert(n);
    ++current_index_;
  }
  finish_output();
}

}  // namespace bp::onnx_import
