#include "engine/onnx/onnx_writer.h"

#include <type_traits>

#include "engine/core/error.h"

namespace bp {

OnnxProtoGraph::OnnxProtoGraph(onnx::GraphProto& graph,
                               const std::map<std::string, std::vector<float>>& weights,
                               const std::map<std::string, Shape>& shapes)
    : graph_(graph), weights_(weights), shapes_(shapes) {}

std::string OnnxProtoGraph::unique(const std::string& stem) {
  std::string name = stem;
  for (int k = 1; used_.count(name); ++k) name = stem + "_" + std::to_string(k);
  used_.insert(name);
  return name;
}

std::string OnnxProtoGraph::node(const std::string& op, const std::vector<std::string>& inputs,
                                 const std::vector<OnnxAttribute>& attributes) {
  onnx::NodeProto* n = graph_.add_node();
  const std::string out = unique(layer_ + "/" + op);
  n->set_op_type(op);
  n->set_name(out);
  for (const std::string& in : inputs) n->add_input(in);
  n->add_output(out);
  for (const OnnxAttribute& a : attributes) {
    onnx::AttributeProto* p = n->add_attribute();
    p->set_name(a.name);
    std::visit(
        [p](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, int64_t>) {
            p->set_type(onnx::AttributeProto::INT);
            p->set_i(v);
          } else if constexpr (std::is_same_v<T, float>) {
            p->set_type(onnx::AttributeProto::FLOAT);
            p->set_f(v);
          } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
            p->set_type(onnx::AttributeProto::INTS);
            for (int64_t x : v) p->add_ints(x);
          } else if constexpr (std::is_same_v<T, std::vector<float>>) {
            p->set_type(onnx::AttributeProto::FLOATS);
            for (float x : v) p->add_floats(x);
          } else {
            p->set_type(onnx::AttributeProto::STRING);
            p->set_s(v);
          }
        },
        a.value);
  }
  return out;
}

std::string OnnxProtoGraph::constant(const std::string& hint, const std::vector<int64_t>& dims,
                                     const std::vector<float>& values) {
  onnx::TensorProto* t = graph_.add_initializer();
  const std::string name =
      unique(hint.find('.') == std::string::npos && !layer_.empty() ? layer_ + "." + hint : hint);
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  t->set_raw_data(values.data(), values.size() * sizeof(float));
  return name;
}

std::string OnnxProtoGraph::constant_i64(const std::string& hint, const std::vector<int64_t>& dims,
                                         const std::vector<int64_t>& values) {
  onnx::TensorProto* t = graph_.add_initializer();
  const std::string name =
      unique(hint.find('.') == std::string::npos && !layer_.empty() ? layer_ + "." + hint : hint);
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::INT64);
  for (int64_t d : dims) t->add_dims(d);
  for (int64_t v : values) t->add_int64_data(v);
  return name;
}

const std::vector<float>& OnnxProtoGraph::values(const std::string& local) const {
  const std::string name = layer_ + "." + local;
  const auto it = weights_.find(name);
  if (it == weights_.end())
    throw Error("ONNX export: the weights have no '" + name +
                "': train the network (or load a project saved with its weights) first");
  const auto shape = shapes_.find(name);
  if (shape == shapes_.end() || shape->second.numel() != static_cast<int64_t>(it->second.size()))
    throw Error("ONNX export: the stored '" + name +
                "' does not fit the network: train the network again before exporting");
  return it->second;
}

Shape OnnxProtoGraph::value_shape(const std::string& local) const {
  values(local);  // checks presence and size
  return shapes_.at(layer_ + "." + local);
}

std::string OnnxProtoGraph::parameter(const std::string& local, const std::vector<int64_t>& dims) {
  const std::vector<float>& v = values(local);
  std::vector<int64_t> d = dims;
  if (d.empty()) {
    const Shape s = value_shape(local);
    for (int i = 0; i < s.rank(); ++i) d.push_back(s[i]);
  }
  return constant(layer_ + "." + local, d, v);
}

void OnnxProtoGraph::rename(const std::string& from, const std::string& to) {
  for (onnx::NodeProto& n : *graph_.mutable_node()) {
    for (std::string& in : *n.mutable_input())
      if (in == from) in = to;
    for (std::string& out : *n.mutable_output())
      if (out == from) out = to;
  }
}

}  // namespace bp
