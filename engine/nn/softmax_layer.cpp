#include "engine/nn/softmax_layer.h"

namespace bp {

ShapeOrError Softmax::output_shape(std::span<const Shape> inputs) const {
  if (inputs[0].rank() != 1)
    return "Softmax expects a flat input (C), got " + inputs[0].to_string() + ": insert a Flatten";
  return inputs[0];
}

void Softmax::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  ctx.backend.dense().softmax_forward(inputs[0], output);
}

void Softmax::backward(ForwardContext& ctx, std::span<const Tensor> /*inputs*/,
                       const Tensor& output, const Tensor& grad_output,
                       std::span<Tensor* const> grad_inputs) {
  if (grad_inputs[0]) ctx.backend.dense().softmax_backward(output, grad_output, *grad_inputs[0]);
}

}  // namespace bp
