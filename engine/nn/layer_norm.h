#pragma once
// LayerNorm over every per-sample dimension (torch.nn.LayerNorm(normalized_shape = the whole
// per-sample shape)), with elementwise affine weight (ones) and bias (zeros) when `affine`.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class LayerNorm final : public Layer {
 public:
  explicit LayerNorm(const LayerParams& p) : p_(p) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  std::vector<ParamDecl> parameters(std::span<const Shape> inputs) const override;
  void bind(std::span<const Tensor> params, std::span<const Tensor> grads) override;
  void reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) override;
  // x, y: (N, D...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  LayerParams p_;
  Tensor gamma_, beta_, dgamma_, dbeta_;
  Tensor save_mean_storage_, save_invstd_storage_;  // (max_batch)
  Tensor save_mean_, save_invstd_;                  // (N) views
};

}  // namespace bp
