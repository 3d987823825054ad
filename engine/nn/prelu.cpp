#include "engine/nn/prelu.h"

namespace bp {

ShapeOrError PReLU::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  const int64_t channels = in.rank() >= 1 ? in[0] : 1;
  if (p_.num_parameters != 1 && p_.num_parameters != channels)
    return "PReLU num_parameters must be 1 or the number of channels (" + std::to_string(channels) +
           " for input " + in.to_string() + "), got " + std::to_string(p_.num_parameters);
  return in;
}

std::vector<ParamDecl> PReLU::parameters(std::span<const Shape> /*inputs*/) const {
  InitSpec init = p_.weight_init;
  if (init.kind == InitKind::Default) {
    init = InitSpec{};
    init.kind = InitKind::Constant;
    init.value = p_.prelu_init;
  }
  return {{"weight", Shape{p_.num_parameters}, init, p_.num_parameters, p_.num_parameters, true}};
}

void PReLU::bind(std::span<const Tensor> params, std::span<const Tensor> grads) {
  weight_ = params[0];
  dweight_ = grads[0];
}

void PReLU::reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) {
  dx_scratch_ = backend.memory().empty(inputs[0].with_batch(max_batch));
}

void PReLU::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  ctx.backend.dense().prelu_forward(inputs[0], weight_, output);
}

void PReLU::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& /*output*/,
                     const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  Tensor scratch;
  Tensor* dx = grad_inputs[0];
  if (!dx) {  // the slope still needs its gradient: write dx somewhere harmless
    scratch = dx_scratch_.narrow_batch(0, inputs[0].dim(0));
    dx = &scratch;
  }
  ctx.backend.dense().prelu_backward(inputs[0], weight_, grad_output, *dx,
                                     dweight_.defined() ? &dweight_ : nullptr);
}

}  // namespace bp
