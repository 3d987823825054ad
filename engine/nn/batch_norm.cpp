#include "engine/nn/batch_norm.h"

#include "engine/core/error.h"

namespace bp {

ShapeOrError BatchNorm::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  if (two_d_ && in.rank() != 3)
    return "BatchNorm2d expects an image (C, H, W), got " + in.to_string() +
           ": use BatchNorm1d for flat features";
  if (!two_d_ && in.rank() != 1 && in.rank() != 2)
    return "BatchNorm1d expects features (C) or (C, L), got " + in.to_string() +
           ": use BatchNorm2d for images";
  if (p_.eps <= 0.0f) return std::string("BatchNorm: eps must be positive");
  if (p_.momentum < 0.0f || p_.momentum > 1.0f)
    return std::string("BatchNorm: momentum must be between 0 and 1");
  return in;
}

std::vector<ParamDecl> BatchNorm::parameters(std::span<const Shape> inputs) const {
  const int64_t C = inputs[0][0];
  InitSpec ones;
  ones.kind = InitKind::Constant;
  ones.value = 1.0f;
  InitSpec zeros;
  zeros.kind = InitKind::Zeros;
  std::vector<ParamDecl> d;
  if (p_.affine) {
    d.push_back({"weight", Shape{C}, ones, C, C, true});
    d.push_back({"bias", Shape{C}, zeros, C, C, true});
  }
  d.push_back({"running_mean", Shape{C}, zeros, C, C, false});
  d.push_back({"running_var", Shape{C}, ones, C, C, false});
  return d;
}

void BatchNorm::bind(std::span<const Tensor> params, std::span<const Tensor> grads) {
  size_t i = 0;
  if (p_.affine) {
    gamma_ = params[0];
    dgamma_ = grads[0];
    beta_ = params[1];
    dbeta_ = grads[1];
    i = 2;
  }
  running_mean_ = params[i];
  running_var_ = params[i + 1];
}

void BatchNorm::reserve(Backend& backend, std::span<const Shape> inputs, int64_t) {
  const int64_t C = inputs[0][0];
  if (!save_mean_.data() || save_mean_.numel() != C) {
    save_mean_ = backend.memory().empty(Shape{C});
    save_invstd_ = backend.memory().empty(Shape{C});
  }
}

void BatchNorm::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  const Tensor& x = inputs[0];
  if (ctx.mode == Mode::Train && x.numel() / x.dim(1) < 2)
    throw Error(std::string(two_d_ ? "BatchNorm2d" : "BatchNorm1d") +
                " needs more than one value per channel in training: use a batch size above 1");
  ctx.backend.norm().batch_norm_forward(
      x, p_.affine ? &gamma_ : nullptr, p_.affine ? &beta_ : nullptr, running_mean_, running_var_,
      ctx.mode, p_.momentum, p_.eps, save_mean_, save_invstd_, output);
}

void BatchNorm::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor&,
                         const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  const bool affine = p_.affine && dgamma_.defined();
  ctx.backend.norm().batch_norm_backward(inputs[0], p_.affine ? &gamma_ : nullptr, save_mean_,
                                         save_invstd_, grad_output, ctx.mode, grad_inputs[0],
                                         affine ? &dgamma_ : nullptr, affine ? &dbeta_ : nullptr);
}

}  // namespace bp
