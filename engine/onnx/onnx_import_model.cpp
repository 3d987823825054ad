#include "engine/onnx/onnx_import_model.h"

#include <onnx/onnx_pb.h>  // defines ONNX_API, then includes onnx-ml.pb.h (ONNX_ML=1)

#include <cstring>
#include <limits>

#include "engine/core/error.h"

namespace bp::onnx_import {
namespace {

// Far above any model the studio trains, low enough that a forged dims list cannot make us
// allocate more than a few GiB before the data-size check fails.
constexpr int64_t kMaxElements = int64_t{1} << 30;

template <class T>
std::vector<T> read_raw(const std::string& raw, int64_t n, const std::string& where) {
  if (raw.size() != static_cast<size_t>(n) * sizeof(T))
    throw Error(where + ": holds " + std::to_string(raw.size()) +
                " bytes of data, but its dims say " + std::to_string(n) + " elements of " +
                std::to_string(sizeof(T)) + " bytes");
  std::vector<T> out(static_cast<size_t>(n));
  if (n > 0) std::memcpy(out.data(), raw.data(), raw.size());  // ONNX raw data is little-endian
  return out;
}

template <class Field>
void check_count(const Field& field, int64_t n, const std::string& where) {
  if (static_cast<int64_t>(field.size()) != n)
    throw Error(where + ": holds " + std::to_string(field.size()) + " values, but its dims say " +
                std::to_string(n));
}

ConstTensor decode_tensor(const onnx::TensorProto& t, const std::string& where) {
  if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL)
    throw Error(where +
                ": the tensor's data is in an external file, which the importer does not "
                "read (export the model with its weights inside the .onnx file)");
  ConstTensor out;
  int64_t n = 1;
  for (int64_t d : t.dims()) {
    if (d < 0) throw Error(where + ": negative dimension " + std::to_string(d));
    if (d > 0 && n > kMaxElements / d)
      throw Error(where + ": its dims describe more than 2^30 elements (too large to import)");
    n *= d;
    out.dims.push_back(d);
  }
  const std::string& raw = t.raw_data();
  const bool has_raw = t.has_raw_data();
  switch (t.data_type()) {
    case onnx::TensorProto_DataType_FLOAT:
      if (has_raw) {
        out.floats = read_raw<float>(raw, n, where);
      } else {
        check_count(t.float_data(), n, where);
        out.floats.assign(t.float_data().begin(), t.float_data().end());
      }
      break;
    case onnx::TensorProto_DataType_DOUBLE: {
      std::vector<double> d;
      if (has_raw) {
        d = read_raw<double>(raw, n, where);
      } else {
        check_count(t.double_data(), n, where);
        d.assign(t.double_data().begin(), t.double_data().end());
      }
      for (double v : d) out.floats.push_back(static_cast<float>(v));
      break;
    }
    case onnx::TensorProto_DataType_INT64:
      out.is_int = true;
      if (has_raw) {
        out.ints = read_raw<int64_t>(raw, n, where);
      } else {
        check_count(t.int64_data(), n, where);
        out.ints.assign(t.int64_data().begin(), t.int64_data().end());
      }
      break;
    case onnx::TensorProto_DataType_INT32:
      out.is_int = true;
      if (has_raw) {
        for (int32_t v : read_raw<int32_t>(raw, n, where)) out.ints.push_back(v);
      } else {
        check_count(t.int32_data(), n, where);
        out.ints.assign(t.int32_data().begin(), t.int32_data().end());
      }
      break;
    case onnx::TensorProto_DataType_BOOL:
    case onnx::TensorProto_DataType_UINT8:
    case onnx::TensorProto_DataType_INT8:
      out.is_int = true;
      if (has_raw) {
        for (uint8_t v : read_raw<uint8_t>(raw, n, where))
          out.ints.push_back(t.data_type() == onnx::TensorProto_DataType_INT8
                                 ? static_cast<int8_t>(v)
                                 : static_cast<int64_t>(v));
      } else {
        check_count(t.int32_data(), n, where);
        out.ints.assign(t.int32_data().begin(), t.int32_data().end());
      }
      break;
    default:
      throw Error(where + ": tensors of ONNX data type " + std::to_string(t.data_type()) +
                  " are not read (the importer takes float32, float64, int64, int32, int8, "
                  "uint8 and bool; export the model in float32)");
  }
  return out;
}

Attribute decode_attribute(const onnx::AttributeProto& a, const std::string& where) {
  Attribute out;
  switch (a.type()) {
    case onnx::AttributeProto_AttributeType_FLOAT:
      out.type = Attribute::Type::Float;
      out.f = a.f();
      break;
    case onnx::AttributeProto_AttributeType_INT:
      out.type = Attribute::Type::Int;
      out.i = a.i();
      break;
    case onnx::AttributeProto_AttributeType_STRING:
      out.type = Attribute::Type::String;
      out.s = a.s();
      break;
    case onnx::AttributeProto_AttributeType_TENSOR:
      out.type = Attribute::Type::Tensor;
      out.t = decode_tensor(a.t(), where + " attribute '" + a.name() + "'");
      break;
    case onnx::AttributeProto_AttributeType_FLOATS:
      out.type = Attribute::Type::Floats;
      out.floats.assign(a.floats().begin(), a.floats().end());
      break;
    case onnx::AttributeProto_AttributeType_INTS:
      out.type = Attribute::Type::Ints;
      out.ints.assign(a.ints().begin(), a.ints().end());
      break;
    default:
      out.type = Attribute::Type::Other;  // graphs, sparse tensors: no operator we read uses them
      break;
  }
  return out;
}

ValueInfo decode_value_info(const onnx::ValueInfoProto& v) {
  ValueInfo out;
  out.name = v.name();
  if (v.type().has_tensor_type()) {
    const auto& tt = v.type().tensor_type();
    out.elem_type = tt.elem_type();
    if (tt.has_shape()) {
      out.has_shape = true;
      for (const auto& d : tt.shape().dim())
        out.dims.push_back(d.has_dim_value() && d.dim_value() > 0 ? d.dim_value() : -1);
    }
  }
  return out;
}

std::string node_label(const onnx::NodeProto& n, int index) {
  return "node " + std::to_string(index) + " (" + n.op_type() +
         (n.name().empty() ? std::string() : " '" + n.name() + "'") + ")";
}

}  // namespace

int64_t ConstTensor::numel() const {
  return is_int ? static_cast<int64_t>(ints.size()) : static_cast<int64_t>(floats.size());
}

std::vector<double> ConstTensor::as_doubles() const {
  std::vector<double> out;
  if (is_int)
    for (int64_t v : ints) out.push_back(static_cast<double>(v));
  else
    for (float v : floats) out.push_back(v);
  return out;
}

const Attribute* Node::attribute(const std::string& key) const {
  const auto it = attributes.find(key);
  return it == attributes.end() ? nullptr : &it->second;
}

int64_t Node::int_attr(const std::string& key, int64_t fallback) const {
  const Attribute* a = attribute(key);
  return a && a->type == Attribute::Type::Int ? a->i : fallback;
}

float Node::float_attr(const std::string& key, float fallback) const {
  const Attribute* a = attribute(key);
  return a && a->type == Attribute::Type::Float ? a->f : fallback;
}

std::string Node::string_attr(const std::string& key, const std::string& fallback) const {
  const Attribute* a = attribute(key);
  return a && a->type == Attribute::Type::String ? a->s : fallback;
}

std::vector<int64_t> Node::ints_attr(const std::string& key,
                                     const std::vector<int64_t>& fallback) const {
  const Attribute* a = attribute(key);
  return a && a->type == Attribute::Type::Ints ? a->ints : fallback;
}

Model decode_model(const std::string& bytes, const std::string& origin) {
  if (bytes.empty()) throw Error(origin + ": the file is empty (not an ONNX model)");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    throw Error(origin + ": the file is larger than 2 GiB, which protobuf cannot read");
  onnx::ModelProto proto;
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw Error(origin +
                ": not a valid ONNX model (the protobuf could not be parsed: the file is "
                "truncated, damaged or of another format)");
  if (!proto.has_graph() || proto.graph().node_size() == 0)
    throw Error(origin + ": the ONNX model has no graph (no nodes): is this an ONNX model file?");
  Model m;
  m.producer = proto.producer_name() +
               (proto.producer_version().empty() ? "" : " " + proto.producer_version());
  for (const auto& op : proto.opset_import())
    if (op.domain().empty() || op.domain() == "ai.onnx") m.opset = op.version();
  const auto& g = proto.graph();
  m.graph_name = g.name();
  for (int i = 0; i < g.initializer_size(); ++i) {
    const auto& t = g.initializer(i);
    if (t.name().empty())
      throw Error(origin + ": initializer " + std::to_string(i) + " has no name");
    m.initializers[t.name()] = decode_tensor(t, origin + ": initializer '" + t.name() + "'");
  }
  for (const auto& v : g.input())
    if (!m.initializers.count(v.name())) m.inputs.push_back(decode_value_info(v));
  for (const auto& v : g.output()) m.outputs.push_back(decode_value_info(v));
  for (int i = 0; i < g.node_size(); ++i) {
    const auto& n = g.node(i);
    const std::string where = origin + ": " + node_label(n, i);
    Node node;
    node.op_type = n.op_type();
    node.domain = n.domain();
    node.name = n.name();
    node.inputs.assign(n.input().begin(), n.input().end());
    node.outputs.assign(n.output().begin(), n.output().end());
    for (const auto& a : n.attribute()) node.attributes[a.name()] = decode_attribute(a, where);
    m.nodes.push_back(std::move(node));
  }
  return m;
}

}  // namespace bp::onnx_import
