#pragma once
// MaxPool2d and AvgPool2d (torch.nn, ceil_mode=False): kernel, stride, padding; AvgPool2d's
// count_include_pad. AdaptiveAvgPool2d(output_size) with torch's bin edges.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Pool2d final : public Layer {
 public:
  enum class Kind : uint8_t { Max, Avg };
  Pool2d(Kind kind, const LayerParams& p) : kind_(kind), p_(p) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  // x: (N, C, H, W) -> y: (N, C, Ho, Wo)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  Kind kind_;
  LayerParams p_;
};

class AdaptiveAvgPool2d final : public Layer {
 public:
  explicit AdaptiveAvgPool2d(const LayerParams& p) : p_(p) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  // x: (N, C, H, W) -> y: (N, C, oh, ow)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  LayerParams p_;
};

}  // namespace bp
