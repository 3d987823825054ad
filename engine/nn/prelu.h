#pragma once
// PReLU (torch.nn.PReLU): y = x if x > 0 else a x, with a learned slope shared (num_parameters
// 1) or one per channel (dim 1 of the batch, dim 0 of the per-sample shape).
// weight: (num_parameters)
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class PReLU final : public Layer {
 public:
  explicit PReLU(const LayerParams& params) : p_(params) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  std::vector<ParamDecl> parameters(std::span<const Shape> inputs) const override;
  void bind(std::span<const Tensor> params, std::span<const Tensor> grads) override;
  void reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) override;
  // inputs[0], output: (N, C, ...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output, grad_inputs[0]: (N, C, ...)
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  LayerParams p_;
  Tensor weight_, dweight_;  // (num_parameters)
  Tensor dx_scratch_;        // (max_batch, ...) when the input needs no gradient
};

}  // namespace bp
