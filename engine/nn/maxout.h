#pragma once
// Maxout (Goodfellow et al. 2013): the maximum of each group of k = pool_size consecutive
// features. (D) -> (D / k); no parameters (put a Linear before it).
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Maxout final : public Layer {
 public:
  explicit Maxout(const LayerParams& params) : k_(params.pool_size) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  // inputs[0]: (N, M*k)  output: (N, M)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output: (N, M)  grad_inputs[0]: (N, M*k)
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  int k_;
};

}  // namespace bp
