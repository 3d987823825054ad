#pragma once
// Layer: one node of a network as a forward/backward pair written against the Backend.
// Shapes given to output_shape/parameters are per sample (no batch); tensors given to
// forward/backward are batch-first (N, ...).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/core/shape.h"
#include "engine/core/tensor.h"
#include "engine/init/init_spec.h"

namespace bp {

// A parameter (trainable) or buffer (running statistics: saved, not optimised) of a layer.
struct ParamDecl {
  std::string name;  // local name: "weight", "bias", "running_mean"
  Shape shape;
  InitSpec init;  // never InitKind::Default: the layer resolves PyTorch's default itself
  int64_t fan_in = 1, fan_out = 1;
  bool trainable = true;
};

struct ForwardContext {
  Backend& backend;
  Mode mode = Mode::Train;
  uint64_t seed = 0;     // the run's seed, for counter-based dropout masks
  uint64_t counter = 0;  // advances every training step; with the node id it selects a mask
  int node_id = 0;
};

using ShapeOrError = std::variant<Shape, std::string>;

class Layer {
 public:
  virtual ~Layer() = default;

  // The per-sample output shape for these per-sample input shapes (ports in order), or a
  // message for the user ("Linear expects a flat input (D), got (6, 14, 14): add a Flatten").
  virtual ShapeOrError output_shape(std::span<const Shape> inputs) const = 0;
  // Parameters and buffers, for validated input shapes, in a fixed order.
  virtual std::vector<ParamDecl> parameters(std::span<const Shape> /*inputs*/) const { return {}; }
  // Views of the parameters declared above, in the same order; grads[i] is undefined (default
  // Tensor) for buffers. Called once after the model has allocated its flat buffers.
  virtual void bind(std::span<const Tensor> /*params*/, std::span<const Tensor> /*grads*/) {}
  // Allocates per-batch scratch (saved statistics, masks) for batches up to max_batch.
  virtual void reserve(Backend& /*backend*/, std::span<const Shape> /*inputs*/,
                       int64_t /*max_batch*/) {}

  // inputs: (N, ...) per port; output: (N, out...) preallocated by the model.
  virtual void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) = 0;
  // grad_inputs[i] is overwritten with dL/d inputs[i]; a null entry is skipped. Parameter
  // gradients are accumulated (+=) into the grads given to bind().
  virtual void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                        const Tensor& grad_output, std::span<Tensor* const> grad_inputs) = 0;

  // How many inputs the layer takes: exactly `min == max`, or a range (Add, Concat: 2..inf).
  virtual int min_inputs() const { return 1; }
  virtual int max_inputs() const { return 1; }
};

}  // namespace bp
