#include "engine/nn/conv2d.h"

#include <cmath>

#include "engine/nn/conv_geometry.h"

namespace bp {

InitSpec default_uniform_init(const InitSpec& chosen, int64_t fan_in) {
  if (chosen.kind != InitKind::Default) return chosen;
  InitSpec s;
  s.kind = InitKind::Uniform;
  const float bound = fan_in > 0 ? 1.0f / std::sqrt(static_cast<float>(fan_in)) : 0.0f;
  s.a = -bound;
  s.b = bound;
  return s;
}

ShapeOrError Conv2d::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  if (auto msg = expect_image("Conv2d", in)) return *msg;
  if (p_.out_channels < 1) return std::string("Conv2d: out_channels must be at least 1");
  int Ho = 0, Wo = 0;
  if (auto msg = conv_output_hw("Conv2d", static_cast<int>(in[1]), static_cast<int>(in[2]),
                                conv_geometry(p_), Ho, Wo))
    return *msg;
  return Shape{p_.out_channels, Ho, Wo};
}

std::vector<ParamDecl> Conv2d::parameters(std::span<const Shape> inputs) const {
  const int64_t cin = inputs[0][0], kk = static_cast<int64_t>(p_.kernel[0]) * p_.kernel[1];
  const int64_t fan_in = cin * kk, fan_out = p_.out_channels * kk;
  std::vector<ParamDecl> d;
  d.push_back({"weight", Shape{p_.out_channels, cin, p_.kernel[0], p_.kernel[1]},
               default_uniform_init(p_.weight_init, fan_in), fan_in, fan_out, true});
  if (p_.bias)
    d.push_back({"bias", Shape{p_.out_channels}, default_uniform_init(p_.bias_init, fan_in), fan_in,
                 fan_out, true});
  return d;
}

void Conv2d::bind(std::span<const Tensor> params, std::span<const Tensor> grads) {
  weight_ = params[0];
  dweight_ = grads[0];
  if (p_.bias) {
    bias_ = params[1];
    dbias_ = grads[1];
  }
}

void Conv2d::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  ctx.backend.conv().conv2d_forward(inputs[0], weight_, p_.bias ? &bias_ : nullptr,
                                    conv_geometry(p_), output);
}

void Conv2d::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor&,
                      const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  ctx.backend.conv().conv2d_backward(inputs[0], weight_, grad_output, conv_geometry(p_),
                                     grad_inputs[0], dweight_.defined() ? &dweight_ : nullptr,
                                     p_.bias && dbias_.defined() ? &dbias_ : nullptr);
}

}  // namespace bp
