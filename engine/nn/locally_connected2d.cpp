#include "engine/nn/locally_connected2d.h"

#include "engine/nn/conv2d.h"
#include "engine/nn/conv_geometry.h"

namespace bp {

ShapeOrError LocallyConnected2d::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  if (auto msg = expect_image("LocallyConnected2d", in)) return *msg;
  if (p_.out_channels < 1)
    return std::string("LocallyConnected2d: out_channels must be at least 1");
  int Ho = 0, Wo = 0;
  if (auto msg = conv_output_hw("LocallyConnected2d", static_cast<int>(in[1]),
                                static_cast<int>(in[2]), conv_geometry(p_), Ho, Wo))
    return *msg;
  return Shape{p_.out_channels, Ho, Wo};
}

std::vector<ParamDecl> LocallyConnected2d::parameters(std::span<const Shape> inputs) const {
  const Shape out = std::get<Shape>(output_shape(inputs));
  const int64_t kk = static_cast<int64_t>(p_.kernel[0]) * p_.kernel[1];
  const int64_t fan_in = inputs[0][0] * kk, fan_out = p_.out_channels * kk;
  std::vector<ParamDecl> d;
  d.push_back({"weight", Shape{out[1] * out[2], p_.out_channels, fan_in},
               default_uniform_init(p_.weight_init, fan_in), fan_in, fan_out, true});
  if (p_.bias)
    d.push_back({"bias", out, default_uniform_init(p_.bias_init, fan_in), fan_in, fan_out, true});
  return d;
}

void LocallyConnected2d::bind(std::span<const Tensor> params, std::span<const Tensor> grads) {
  weight_ = params[0];
  dweight_ = grads[0];
  if (p_.bias) {
    bias_ = params[1];
    dbias_ = grads[1];
  }
}

void LocallyConnected2d::forward(ForwardContext& ctx, std::span<const Tensor> inputs,
                                 Tensor& output) {
  ctx.backend.conv().locally_connected2d_forward(inputs[0], weight_, p_.bias ? &bias_ : nullptr,
                                                 conv_geometry(p_), output);
}

void LocallyConnected2d::backward(ForwardContext& ctx, std::span<const Tensor> inputs,
                                  const Tensor&, const Tensor& grad_output,
                                  std::span<Tensor* const> grad_inputs) {
  ctx.backend.conv().locally_connected2d_backward(
      inputs[0], weight_, grad_output, conv_geometry(p_), grad_inputs[0],
      dweight_.defined() ? &dweight_ : nullptr, p_.bias && dbias_.defined() ? &dbias_ : nullptr);
}

}  // namespace bp
