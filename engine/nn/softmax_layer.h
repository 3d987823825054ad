#pragma once
// Softmax (torch.nn.Softmax(dim=1)) over a flat (C) input. For classification prefer raw
// logits with CrossEntropyLoss (which applies log-softmax itself); this node is for display and
// for networks whose output must be probabilities.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Softmax final : public Layer {
 public:
  explicit Softmax(const LayerParams& /*params*/) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  // inputs[0], output: (N, C)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output, grad_inputs[0]: (N, C)
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;
};

}  // namespace bp
