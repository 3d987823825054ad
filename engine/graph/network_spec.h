#pragma once
// NetworkSpec: a network as plain data — a DAG of nodes and edges, with the editor's positions.
// It is what the editor edits, what the project file stores, and what Model builds from.
// Shapes here are per sample (no batch dimension): an image is (C, H, W), a vector (D).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/backend/types.h"
#include "engine/core/error.h"
#include "engine/core/shape.h"
#include "engine/init/init_spec.h"

namespace bp {

enum class NodeKind : uint8_t {
  Input,
  // dense
  Linear,
  Activation,  // element-wise, see params.activation
  PReLU,
  Maxout,
  Softmax,
  // structure
  Add,
  Concat,  // along dimension 1 (features / channels), inputs in port order
  Flatten,
  // regularization and normalization
  Dropout,
  GaussianDropout,
  Dropout2d,
  BatchNorm1d,
  BatchNorm2d,
  LayerNorm,
  // convolutional
  Conv2d,
  LocallyConnected2d,
  MaxPool2d,
  AvgPool2d,
  AdaptiveAvgPool2d,
};

// Every layer's parameters in one plain struct; each kind reads the fields it documents.
// Defaults follow PyTorch.
struct LayerParams {
  // Input
  Shape input_shape{2};
  // Linear (out_features), Conv2d / LocallyConnected2d (out_channels), bias for both
  int64_t out_features = 8;
  int64_t out_channels = 6;
  bool bias = true;
  // Linear: an optional activation fused after the affine map (Playground-style "dense layer").
  // Activation node: the function itself.
  Activation activation = Activation::Identity;
  ActivationParams act;
  InitSpec weight_init;
  InitSpec bias_init;
  float drop_connect = 0.0f;  // Linear: DropConnect probability on the weights (training only)
  // Linear / Conv2d / LocallyConnected2d: learning-rate multiplier of the layer's parameters (the
  // trainer scales their gradients before the optimizer step: exact for SGD, see trainer.cpp).
  float lr_scale = 1.0f;
  // Conv2d / LocallyConnected2d / pools: {h, w}
  std::array<int, 2> kernel{3, 3};
  std::array<int, 2> stride{1, 1};
  std::array<int, 2> padding{0, 0};
  std::array<int, 2> dilation{1, 1};
  bool count_include_pad = true;  // AvgPool2d
  // AdaptiveAvgPool2d
  std::array<int, 2> output_size{1, 1};
  // Maxout: pieces per output unit (out_features = input / k)
  int pool_size = 2;
  // PReLU: 1 (shared) or the number of channels; initial slope
  int64_t num_parameters = 1;
  float prelu_init = 0.25f;
  // Dropout / GaussianDropout / Dropout2d
  float p = 0.5f;
  // BatchNorm / LayerNorm
  float eps = 1e-5f;
  float momentum = 0.1f;
  bool affine = true;

  bool operator==(const LayerParams&) const = default;
};

struct NodeSpec {
  int id = 0;
  NodeKind kind = NodeKind::Linear;
  std::string name;  // unique, prefixes parameter names: "fc1" -> "fc1.weight"
  LayerParams params;
  double x = 0.0, y = 0.0;  // editor position (scene coordinates)

  bool operator==(const NodeSpec&) const = default;
};

struct EdgeSpec {
  int id = 0;
  int from = 0;     // producing node id
  int to = 0;       // consuming node id
  int to_port = 0;  // input slot of the consumer (order for Concat/Add)

  bool operator==(const EdgeSpec&) const = default;
};

class NetworkSpec {
 public:
  std::vector<NodeSpec> nodes;
  std::vector<EdgeSpec> edges;

  const NodeSpec* find(int node_id) const;
  NodeSpec* find(int node_id);
  const EdgeSpec* find_edge(int edge_id) const;
  // The producers feeding `node_id`, ordered by port.
  std::vector<int> inputs_of(int node_id) const;
  std::vector<int> consumers_of(int node_id) const;
  int next_node_id() const;
  int next_edge_id() const;
  // A name for a new node of `kind` not used yet: "linear1", "conv2", ...
  std::string unique_name(NodeKind kind) const;

  // Node ids in an order where every producer precedes its consumers. Empty with a diagnostic
  // when the graph has a cycle.
  std::vector<int> topological_order(std::vector<Diagnostic>* diagnostics = nullptr) const;
  // The single Input node and the single sink; diagnostics when there is not exactly one.
  std::optional<int> input_node(std::vector<Diagnostic>* diagnostics = nullptr) const;
  std::optional<int> output_node(std::vector<Diagnostic>* diagnostics = nullptr) const;

  bool operator==(const NetworkSpec&) const = default;
};

// A chain Input -> layers[0] -> layers[1] -> ... with automatic names and a simple layout.
NetworkSpec make_sequential(const Shape& input_shape, const std::vector<NodeSpec>& layers);

}  // namespace bp
