#pragma once
// Model: a NetworkSpec built into layers on a backend, with its ParameterStore and preallocated
// activations. forward/backward run the DAG in topological order; where a node's output feeds
// several consumers, their gradients are summed.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/graph/network_spec.h"
#include "engine/graph/parameter_store.h"
#include "engine/nn/layer.h"

namespace bp {

class Model {
 public:
  // Builds and initialises the parameters from `seed` (same seed, same weights). Throws
  // bp::Error listing the diagnostics when the spec is not valid.
  Model(const NetworkSpec& spec, Backend& backend, uint64_t seed);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const NetworkSpec& spec() const { return spec_; }
  Backend& backend() { return *backend_; }
  ParameterStore& params() { return params_; }
  const ParameterStore& params() const { return params_; }

  Shape input_shape() const;   // per sample
  Shape output_shape() const;  // per sample

  // Re-draws every parameter from `seed` and resets buffers (BatchNorm running stats).
  void reset_parameters(uint64_t seed);

  // x: (N, input...) on this backend. Returns the output (N, output...), a view valid until the
  // next forward. N may vary between calls (memory grows as needed, never per call otherwise).
  const Tensor& forward(const Tensor& x, Mode mode);
  // grad_output: (N, output...) = dL/d output of the last forward. Accumulates parameter
  // gradients (call zero_grad first); fills input_grad() when keep_input_grad was requested.
  void backward(const Tensor& grad_output);
  void zero_grad();

  // The last forward's output of a node (N, ...), e.g. for neuron heatmaps and feature maps.
  const Tensor& activation(int node_id) const;
  // dL/d input of the last backward (N, input...) (saliency), when enabled.
  void set_keep_input_grad(bool keep) { keep_input_grad_ = keep; }
  const Tensor& input_grad() const;
  // dL/d (a node's output) of the last backward (N, ...): defined for nodes with a trainable
  // parameter or a trainable ancestor (Grad-CAM reads the last Conv2d's). Throws bp::Error for
  // other nodes.
  const Tensor& output_grad(int node_id) const;

  // Counter for stochastic layers (dropout masks); advanced by the trainer every step.
  void set_step_counter(uint64_t counter) { counter_ = counter; }
  uint64_t seed() const { return seed_; }

 private:
  struct Node;
  void ensure_batch(int64_t batch);

  NetworkSpec spec_;
  Backend* backend_;
  ParameterStore params_;
  std::vector<std::unique_ptr<Node>> order_;  // topological
  std::map<int, Node*> by_id_;
  Node* input_ = nullptr;
  Node* output_ = nullptr;
  int64_t capacity_ = 0;
  int64_t batch_ = 0;
  Mode mode_ = Mode::Train;
  uint64_t seed_ = 0;
  uint64_t counter_ = 0;
  bool keep_input_grad_ = false;
};

}  // namespace bp
