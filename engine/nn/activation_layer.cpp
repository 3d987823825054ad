#include "engine/nn/activation_layer.h"

namespace bp {

void ActivationLayer::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  ctx.backend.dense().activation_forward(f_, p_, inputs[0], output);
}

void ActivationLayer::backward(ForwardContext& ctx, std::span<const Tensor> inputs,
                               const Tensor& output, const Tensor& grad_output,
                               std::span<Tensor* const> grad_inputs) {
  if (!grad_inputs[0]) return;
  ctx.backend.dense().activation_backward(f_, p_, inputs[0], output, grad_output, *grad_inputs[0]);
}

}  // namespace bp
