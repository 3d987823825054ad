#pragma once
// BatchNorm1d ((C) or (C, L) per sample) and BatchNorm2d ((C, H, W)), torch semantics:
// weight (gamma, ones) and bias (beta, zeros) when affine; running_mean (zeros) and running_var
// (ones) as non-trainable buffers updated with running = (1-momentum)*running + momentum*batch
// (unbiased batch variance); eval normalizes with the running statistics.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class BatchNorm final : public Layer {
 public:
  BatchNorm(bool two_d, const LayerParams& p) : two_d_(two_d), p_(p) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  std::vector<ParamDecl> parameters(std::span<const Shape> inputs) const override;
  void bind(std::span<const Tensor> params, std::span<const Tensor> grads) override;
  void reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) override;
  // x, y: (N, C, ...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  bool two_d_;
  LayerParams p_;
  Tensor gamma_, beta_, dgamma_, dbeta_, running_mean_, running_var_;
  Tensor save_mean_, save_invstd_;  // (C)
};

}  // namespace bp
