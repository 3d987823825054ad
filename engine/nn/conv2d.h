#pragma once
// Conv2d (torch.nn.Conv2d): weight (Cout, Cin, kh, kw), bias (Cout).
// Default init as torch: kaiming_uniform(a=sqrt(5)) = U(+-1/sqrt(fan_in)), fan_in = Cin*kh*kw,
// bias U(+-1/sqrt(fan_in)).
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Conv2d final : public Layer {
 public:
  explicit Conv2d(const LayerParams& p) : p_(p) {}

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

// The default-or-chosen InitSpec for a weight/bias with torch's U(+-1/sqrt(fan_in)) default.
InitSpec default_uniform_init(const InitSpec& chosen, int64_t fan_in);

}  // namespace bp
