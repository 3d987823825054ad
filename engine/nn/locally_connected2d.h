#pragma once
// LocallyConnected2d: a convolution without weight sharing (every output position has its own
// kernel). weight (Ho*Wo, Cout, Cin*kh*kw), bias (Cout, Ho, Wo); torch reference: F.unfold +
// einsum. Default init as Conv2d: U(+-1/sqrt(Cin*kh*kw)).
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class LocallyConnected2d final : public Layer {
 public:
  explicit LocallyConnected2d(const LayerParams& p) : p_(p) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  std::vector<ParamDecl> parameters(std::span<const Shape> inputs) const override;
  void bind(std::span<const Tensor> params, std::span<const Tensor> grads) override;
  // x: (N, Cin, H, W) -> y: (N, Cout, Ho, Wo)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  LayerParams p_;
  Tensor weight_, bias_, dweight_, dbias_;
};

}  // namespace bp
