#pragma once
// The importer's core: walks the ONNX nodes in file order and builds the NetworkSpec and its
// weights. Each ONNX value becomes one of
//  - a tensor: the output of an engine node, with its per-sample shape;
//  - a constant (initializers, Constant nodes, and the folded shape arithmetic PyTorch writes
//    around view/flatten: Shape, Gather, Unsqueeze, Concat ...);
//  - a step of a pattern that only makes sense whole (GELU's Div/Erf/Add/Mul/Mul, LayerNorm's
//    ReduceMean/Sub/Pow/.../Div, a Pad folded into the following pool or convolution);
//  - poison: the output of an unsupported operator (its consumers stay quiet).
// Operators the engine has no layer for are collected by name and reported together.
// Internal to engine/onnx; the public entry point is onnx_import.h.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/core/shape.h"
#include "engine/graph/network_spec.h"
#include "engine/onnx/onnx_import_model.h"

namespace bp::onnx_import {

// The batch dimension inside folded shape vectors (Shape(x) -> [kBatch, C, H, W]).
inline constexpr int64_t kBatch = INT64_MIN;

enum class PatternStep : uint8_t {
  GeluScaled,    // x / sqrt(2)
  GeluErf,       // erf(x / sqrt(2))
  GeluErfPlus1,  // 1 + erf(x / sqrt(2))
  GeluProduct,   // x * (1 + erf(x / sqrt(2)))
  NormMean,      // mean(x, axes)
  NormCentered,  // x - mean(x)
  NormSquared,   // (x - mean)^2
  NormVariance,  // mean((x - mean)^2)
  NormVarEps,    // variance + eps
  NormStd,       // sqrt(variance + eps)
  Padded,        // Pad(x) with zeros on H and W, waiting for its pool or convolution
};

struct Pending {
  PatternStep step = PatternStep::GeluScaled;
  std::string x;                 // the ONNX value the pattern started from (a tensor)
  std::vector<int64_t> axes;     // LayerNorm: the normalized axes (ONNX numbering, normalized)
  double eps = 0.0;              // LayerNorm
  std::array<int, 2> pad{0, 0};  // Padded: rows and columns on each side
  std::vector<std::string> ops;  // operator types so far (for the error message)
};

struct Value {
  enum class Kind : uint8_t { Tensor, Const, Pending, Poison };
  Kind kind = Kind::Poison;
  int node = -1;  // Tensor: the engine node producing it
  Shape shape;    // Tensor: per sample
  ConstTensor constant;
  Pending pending;
};

// What a later operator may still fold into an engine node.
struct FoldState {
  bool bias = false;      // Linear from MatMul: an Add of a constant becomes its bias
  bool ln_scale = false;  // LayerNorm: a Mul by a constant becomes its weight
  bool ln_shift = false;  // LayerNorm: an Add of a constant becomes its bias
  bool ln_affine_seen = false;
};

class Converter {
 public:
  Converter(const Model& model, std::string origin);
  // Converts every node. Throws bp::Error for malformed models and for unsupported operators
  // (all of them named in one message).
  void run();

  NetworkSpec network;
  std::map<std::string, std::vector<float>> weights;
  std::vector<std::string> notes;  // things the user should know (a Softmax at the end, ...)
  int output_node = -1;            // the engine node producing the graph output
  // The graph began with element-wise constants on its input ((x - mean) / std, as the studio's
  // exporter writes the data set's normalization): dropped, the data set normalizes instead.
  bool dropped_input_normalization = false;

  // ---- for the operator handlers below (internal to engine/onnx) ----
  // values

  const Value& value(const Node& n, size_t i) const;
  bool has_input(const Node& n, size_t i) const;
  const ConstTensor* constant(const Node& n, size_t i) const;  // nullptr unless a constant
  const Value* tensor(const Node& n, size_t i) const;          // nullptr unless a tensor
  const Pending* pending(const Node& n, size_t i) const;       // nullptr unless a pattern step
  // The tensor at input i; otherwise reports the node (a broken pattern's operators, or this
  // operator "on a constant input"), poisons its outputs and returns nullptr.
  const Value* require_tensor(const Node& n, size_t i);
  // The constant at input i; otherwise reports "<what> is not a constant" and returns nullptr.
  const ConstTensor* require_const(const Node& n, size_t i, const std::string& what);
  const Value& named(const Node& n, const std::string& value_name) const;
  void set_output(const Node& n, Value v, size_t i = 0);
  void alias_output(const Node& n, const std::string& from, size_t i = 0);
  Value make_const(ConstTensor t) const;
  Value make_pending(Pending p) const;
  int uses(const std::string& value_name) const;

  // engine nodes
  // Adds a node fed by `inputs` (tensors, in port order); computes its output shape through the
  // kind's layer (a mismatch is a bp::Error naming the ONNX node). Returns the output value.
  Value add_node(const Node& onnx_node, NodeKind kind, const LayerParams& params,
                 const std::vector<const Value*>& inputs, const std::string& name_hint);
  std::string node_name(const Node& onnx_node, NodeKind kind, const std::string& hint) const;
  NodeSpec& spec_of(const Value& v);

  // reporting
  [[noreturn]] void fail(const Node& n, const std::string& what) const;
  void unsupported(const Node& n, const std::string& detail = {});
  void unsupported_pattern(const Pending& p);
  std::string where(const Node& n) const;

  const Model& model() const { return model_; }
  int64_t input_batch() const { return input_batch_; }
  std::map<int, FoldState>& folds() { return folds_; }

 private:
  void convert(const Node& n);
  void input_node();
  void finish_output();

  const Model& model_;
  std::string origin_;
  std::map<std::string, Value> values_;
  std::map<std::string, int> uses_;
  std::map<int, FoldState> folds_;
  std::vector<std::string> unsupported_;  // "Slice", "Conv (group 2: grouped convolution)"
  std::set<std::string> unsupported_seen_;
  int64_t input_batch_ = -1;  // the graph input's batch dimension when fixed (PyTorch: 1)
  int current_index_ = 0;
};

// The operator handlers, one file per family. Each returns false when `n.op_type` is not one of
// its operators; it converts the node, or reports it through Converter::unsupported / fail.
bool convert_layer_op(Converter& c, const Node& n);    // onnx_import_layers.cpp
bool convert_pattern_op(Converter& c, const Node& n);  // onnx_import_patterns.cpp
bool convert_shape_op(Converter& c, const Node& n);    // onnx_import_shapes.cpp

// ONNX axis (negative counts from the end) for a tensor of `rank` dims including the batch.
int64_t normalize_axis(int64_t axis, int rank);

}  // namespace bp::onnx_import
