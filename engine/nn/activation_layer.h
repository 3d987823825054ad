#pragma once
// ActivationLayer: an element-wise nonlinearity as a node (torch.nn.ReLU, Tanh, Sigmoid, ... see
// types.h). The one layer class without its PyTorch name: `Activation` names the functions enum.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class ActivationLayer final : public Layer {
 public:
  explicit ActivationLayer(const LayerParams& params) : f_(params.activation), p_(params.act) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override { return inputs[0]; }
  // inputs[0], output: (N, ...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output, grad_inputs[0]: (N, ...)
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  Activation f_;
  ActivationParams p_;
};

}  // namespace bp
