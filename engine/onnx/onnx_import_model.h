#pragma once
// The ONNX file as plain data, decoded from its protobuf (onnx/onnx-ml.pb.h) in one place so the
// importer's conversion code never sees protobuf types. Tensors are decoded to float or int64
// values and checked against their dims; a file that protobuf cannot parse, or whose tensors do
// not hold what their dims say, is a bp::Error naming the file and the tensor.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bp::onnx_import {

// A constant tensor: dims plus its values, as floats (FLOAT, DOUBLE, FLOAT16 are not read: see
// decode) or as int64 (INT64, INT32, BOOL...). Exactly one of `floats`/`ints` is used.
struct ConstTensor {
  std::vector<int64_t> dims;
  bool is_int = false;
  std::vector<float> floats;
  std::vector<int64_t> ints;

  int64_t numel() const;
  // The values as doubles whichever type they are (small shape and scalar tensors).
  std::vector<double> as_doubles() const;
};

struct Attribute {
  enum class Type : uint8_t { Float, Int, String, Tensor, Floats, Ints, Other };
  Type type = Type::Other;
  float f = 0.0f;
  int64_t i = 0;
  std::string s;
  std::optional<ConstTensor> t;
  std::vector<float> floats;
  std::vector<int64_t> ints;
};

struct Node {
  std::string op_type;              // "Conv"
  std::string domain;               // "" or "ai.onnx" for the standard operators
  std::string name;                 // "/conv1/Conv" (PyTorch 1.13 names nodes by module scope)
  std::vector<std::string> inputs;  // "" = an omitted optional input
  std::vector<std::string> outputs;
  std::map<std::string, Attribute> attributes;

  const Attribute* attribute(const std::string& key) const;
  // The attribute's value, or `fallback` when absent or of another type.
  int64_t int_attr(const std::string& key, int64_t fallback) const;
  float float_attr(const std::string& key, float fallback) const;
  std::string string_attr(const std::string& key, const std::string& fallback) const;
  std::vector<int64_t> ints_attr(const std::string& key,
                                 const std::vector<int64_t>& fallback) const;
};

// A graph input or output: its name and dims (-1 for a symbolic or unknown dimension).
struct ValueInfo {
  std::string name;
  std::vector<int64_t> dims;
  bool has_shape = false;
  int32_t elem_type = 0;  // TensorProto.DataType: 1 = FLOAT
};

struct Model {
  std::string graph_name;
  std::string producer;     // "pytorch 1.13.0"
  int64_t opset = 0;        // of the default domain
  std::vector<Node> nodes;  // in the file's order (ONNX requires a topological one)
  std::map<std::string, ConstTensor> initializers;
  std::vector<ValueInfo> inputs;  // graph inputs that are not initializers
  std::vector<ValueInfo> outputs;
};

// Parses `bytes` as an ONNX ModelProto. `origin` prefixes every message (the file name).
Model decode_model(const std::string& bytes, const std::string& origin);

}  // namespace bp::onnx_import
