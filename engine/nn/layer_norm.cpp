#include "engine/nn/layer_norm.h"

namespace bp {

ShapeOrError LayerNorm::output_shape(std::span<const Shape> inputs) const {
  if (p_.eps <= 0.0f) return std::string("LayerNorm: eps must be positive");
  return inputs[0];
}

std::vector<ParamDecl> LayerNorm::parameters(std::span<const Shape> inputs) const {
  if (!p_.affine) return {};
  const int64_t D = inputs[0].numel();
  InitSpec ones;
  ones.kind = InitKind::Constant;
  ones.value = 1.0f;
  InitSpec zeros;
  zeros.kind = InitKind::Zeros;
  return {{"weight", inputs[0], ones, D, D, true}, {"bias", inputs[0], zeros, D, D, true}};
}

void LayerNorm::bind(std::span<const Tensor> params, std::span<const Tensor> grads) {
  if (!p_.affine) return;
  gamma_ = params[0];
  dgamma_ = grads[0];
  beta_ = params[1];
  dbeta_ = grads[1];
}

void LayerNorm::reserve(Backend& backend, std::span<const Shape>, int64_t max_batch) {
  if (!save_mean_storage_.data() || save_mean_storage_.numel() < max_batch) {
    save_mean_storage_ = backend.memory().empty(Shape{max_batch});
    save_invstd_storage_ = backend.memory().empty(Shape{max_batch});
  }
}

void LayerNorm::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  const int64_t N = inputs[0].dim(0);
  save_mean_ = save_mean_storage_.narrow_batch(0, N);
  save_invstd_ = save_invstd_storage_.narrow_batch(0, N);
  ctx.backend.norm().layer_norm_forward(inputs[0], p_.affine ? &gamma_ : nullptr,
                                        p_.affine ? &beta_ : nullptr, p_.eps, save_mean_,
                                        save_invstd_, output);
}

void LayerNorm::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor&,
                         const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  const bool affine = p_.affine && dgamma_.defined();
  ctx.backend.norm().layer_norm_backward(inputs[0], p_.affine ? &gamma_ : nullptr, save_mean_,
                                         save_invstd_, grad_output, grad_inputs[0],
                                         affine ? &dgamma_ : nullptr, affine ? &dbeta_ : nullptr);
}

}  // namespace bp
