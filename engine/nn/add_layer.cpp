#include "engine/nn/add_layer.h"

namespace bp {

ShapeOrError Add::output_shape(std::span<const Shape> inputs) const {
  if (inputs.size() < 2) return std::string("Add needs at least 2 inputs");
  for (size_t i = 1; i < inputs.size(); ++i)
    if (inputs[i] != inputs[0])
      return "Add needs inputs of identical shape, got " + inputs[0].to_string() +
             " (input 1) and " + inputs[i].to_string() + " (input " + std::to_string(i + 1) + ")";
  return inputs[0];
}

void Add::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  MemoryOps& mem = ctx.backend.memory();
  mem.copy(inputs[0], output);
  for (size_t i = 1; i < inputs.size(); ++i) mem.axpy(1.0f, inputs[i], output);
}

void Add::backward(ForwardContext& ctx, std::span<const Tensor> /*inputs*/,
                   const Tensor& /*output*/, const Tensor& grad_output,
                   std::span<Tensor* const> grad_inputs) {
  for (Tensor* dx : grad_inputs)
    if (dx) ctx.backend.memory().copy(grad_output, *dx);
}

}  // namespace bp
