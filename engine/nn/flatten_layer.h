#pragma once
// Flatten (torch.nn.Flatten): (C, H, W) -> (C*H*W) per sample; the memory layout is
// unchanged, so forward and backward are copies.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Flatten final : public Layer {
 public:
  explicit Flatten(const LayerParams& /*params*/) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override {
    return Shape{inputs[0].numel()};
  }
  // inputs[0]: (N, C, H, W)  output: (N, C*H*W)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override {
    ctx.backend.memory().copy(inputs[0], output);
  }
  // grad_output: (N, C*H*W)  grad_inputs[0]: (N, C, H, W)
  void backward(ForwardContext& ctx, std::span<const Tensor> /*inputs*/, const Tensor& /*output*/,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override {
    if (grad_inputs[0]) ctx.backend.memory().copy(grad_output, *grad_inputs[0]);
  }
};

}  // namespace bp
