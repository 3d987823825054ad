#pragma once
// Add: element-wise sum of 2+ inputs of identical shape (residual / skip connections).
#include <limits>

#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Add final : public Layer {
 public:
  explicit Add(const LayerParams& /*params*/) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  // inputs[i], output: (N, ...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output, grad_inputs[i]: (N, ...); each input's gradient is grad_output
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;
  int min_inputs() const override { return 2; }
  int max_inputs() const override { return std::numeric_limits<int>::max(); }
};

}  // namespace bp
