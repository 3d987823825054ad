#include "engine/nn/maxout.h"

namespace bp {

ShapeOrError Maxout::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  if (in.rank() != 1)
    return "Maxout expects a flat input (D), got " + in.to_string() + ": insert a Flatten";
  if (k_ < 1) return "Maxout pool_size must be at least 1, got " + std::to_string(k_);
  if (in[0] % k_ != 0)
    return "Maxout with pool_size " + std::to_string(k_) + " needs an input size divisible by " +
           std::to_string(k_) + ", got " + std::to_string(in[0]) +
           ": change the previous layer's width or the pool size";
  return Shape{in[0] / k_};
}

void Maxout::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  ctx.backend.dense().maxout_forward(inputs[0], k_, output);
}

void Maxout::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& /*output*/,
                      const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  if (grad_inputs[0])
    ctx.backend.dense().maxout_backward(inputs[0], k_, grad_output, *grad_inputs[0]);
}

}  // namespace bp
