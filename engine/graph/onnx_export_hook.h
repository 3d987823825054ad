#pragma once
// What a layer descriptor's ONNX hook writes into. The hooks (engine/graph/descriptors/*) describe
// their layer as ONNX operators through this interface; engine/onnx/ implements it with
// protobuf (onnx::ModelProto, opset 13), so the engine itself needs no protobuf.
//
// Tensor names are strings here because they are names in the file being written. Shapes of
// graph tensors are full shapes with the batch first (N, ...); an initializer's dims are its own.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/backend/types.h"
#include "engine/core/shape.h"
#include "engine/graph/network_spec.h"

namespace bp {

// An ONNX node attribute: INT, FLOAT, INTS, FLOATS or STRING.
struct OnnxAttribute {
  std::string name;
  std::variant<int64_t, float, std::vector<int64_t>, std::vector<float>, std::string> value;
};

class OnnxGraph {
 public:
  virtual ~OnnxGraph() = default;
  // Appends a node `op` (an ONNX opset 13 operator) reading `inputs`; returns its (first) output
  // tensor's name. An empty input name is an omitted optional input.
  virtual std::string node(const std::string& op, const std::vector<std::string>& inputs,
                           const std::vector<OnnxAttribute>& attributes = {}) = 0;
  // A float initializer with these dims and values (values.size() == product of dims).
  virtual std::string constant(const std::string& hint, const std::vector<int64_t>& dims,
                               const std::vector<float>& values) = 0;
  // An int64 initializer (shapes for Reshape, axes, ...).
  virtual std::string constant_i64(const std::string& hint, const std::vector<int64_t>& dims,
                                   const std::vector<int64_t>& values) = 0;
  // The trained values of the node's parameter or buffer `local` ("weight", "running_mean"),
  // with its declared shape; throws bp::Error when the weights do not hold it.
  virtual const std::vector<float>& values(const std::string& local) const = 0;
  virtual Shape value_shape(const std::string& local) const = 0;
  // The node's parameter as an initializer of its declared shape (or of `dims` when given).
  virtual std::string parameter(const std::string& local,
                                const std::vector<int64_t>& dims = {}) = 0;
};

// What a hook knows about the node it writes.
struct OnnxExportArgs {
  const NodeSpec& node;
  const std::vector<Shape>& inputs;             // per sample, one per input port
  const Shape& output;                          // per sample
  const std::vector<std::string>& input_names;  // graph tensors, one per input port: (N, ...)
  OnnxGraph& graph;
};

// Writes the node and returns the name of its output tensor (N, output...). A node ONNX cannot
// express (or a consumer cannot read) throws bp::Error naming the layer and what to do instead.
using OnnxExportHook = std::string (*)(const OnnxExportArgs&);

// An element-wise activation of tensor `x` as ONNX operators (Identity returns x unchanged).
std::string onnx_activation(OnnxGraph& graph, Activation f, const ActivationParams& a,
                            const std::string& x);

}  // namespace bp
