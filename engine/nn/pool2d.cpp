#include "engine/nn/pool2d.h"

#include "engine/nn/conv_geometry.h"

namespace bp {

ShapeOrError Pool2d::output_shape(std::span<const Shape> inputs) const {
  const std::string name = kind_ == Kind::Max ? "MaxPool2d" : "AvgPool2d";
  const Shape& in = inputs[0];
  if (auto msg = expect_image(name, in)) return *msg;
  Conv2dGeometry g = conv_geometry(p_);
  if (kind_ == Kind::Avg) g.dilation_h = g.dilation_w = 1;  // torch's AvgPool2d has no dilation
  if (2 * g.pad_h > g.kernel_h || 2 * g.pad_w > g.kernel_w)
    return name + ": padding " + hw(g.pad_h, g.pad_w) + " must be at most half the kernel " +
           hw(g.kernel_h, g.kernel_w);
  int Ho = 0, Wo = 0;
  if (auto msg = conv_output_hw(name, static_cast<int>(in[1]), static_cast<int>(in[2]), g, Ho, Wo))
    return *msg;
  return Shape{in[0], Ho, Wo};
}

void Pool2d::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  if (kind_ == Kind::Max)
    ctx.backend.conv().max_pool2d_forward(inputs[0], pool_geometry(p_, kind_ == Kind::Max), output);
  else
    ctx.backend.conv().avg_pool2d_forward(inputs[0], pool_geometry(p_, kind_ == Kind::Max), output);
}

void Pool2d::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                      const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  if (!grad_inputs[0]) return;
  if (kind_ == Kind::Max)
    ctx.backend.conv().max_pool2d_backward(inputs[0], output, grad_output,
                                           pool_geometry(p_, kind_ == Kind::Max), *grad_inputs[0]);
  else
    ctx.backend.conv().avg_pool2d_backward(grad_output, pool_geometry(p_, kind_ == Kind::Max),
                                           *grad_inputs[0]);
}

ShapeOrError AdaptiveAvgPool2d::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  if (auto msg = expect_image("AdaptiveAvgPool2d", in)) return *msg;
  if (p_.output_size[0] < 1 || p_.output_size[1] < 1)
    return std::string("AdaptiveAvgPool2d: output_size must be at least 1x1");
  return Shape{in[0], p_.output_size[0], p_.output_size[1]};
}

void AdaptiveAvgPool2d::forward(ForwardContext& ctx, std::span<const Tensor> inputs,
                                Tensor& output) {
  ctx.backend.conv().adaptive_avg_pool2d_forward(inputs[0], output);
}

void AdaptiveAvgPool2d::backward(ForwardContext& ctx, std::span<const Tensor>, const Tensor&,
                                 const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  if (grad_inputs[0]) ctx.backend.conv().adaptive_avg_pool2d_backward(grad_output, *grad_inputs[0]);
}

}  // namespace bp
