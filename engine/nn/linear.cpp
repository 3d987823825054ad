#include "engine/nn/linear.h"

#include <cmath>

namespace bp {

uint64_t node_stream_seed(uint64_t seed, int node_id) {
  uint64_t z = static_cast<uint64_t>(node_id) * 0x9E3779B97F4A7C15ull + 0xD1B54A32D192ED03ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  return seed ^ (z ^ (z >> 31));
}

ShapeOrError Linear::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  if (in.rank() != 1)
    return "Linear expects a flat input (D), got " + in.to_string() + ": insert a Flatten";
  if (p_.out_features < 1)
    return "Linear needs out_features >= 1, got " + std::to_string(p_.out_features);
  if (p_.drop_connect < 0.0f || p_.drop_connect >= 1.0f)
    return "DropConnect probability must be in [0, 1), got " + std::to_string(p_.drop_connect);
  return Shape{p_.out_features};
}

std::vector<ParamDecl> Linear::parameters(std::span<const Shape> inputs) const {
  const int64_t in = inputs[0].numel(), out = p_.out_features;
  // PyTorch's reset_parameters: kaiming_uniform_(a=sqrt(5)) = U(-1/sqrt(in), 1/sqrt(in)) for the
  // weight, the same bound for the bias.
  InitSpec w = p_.weight_init;
  if (w.kind == InitKind::Default) {
    w = InitSpec{};
    w.kind = InitKind::KaimingUniform;
    w.a = std::sqrt(5.0f);
    w.mode = FanMode::FanIn;
    w.nonlinearity = Nonlinearity::LeakyReLU;
  }
  std::vector<ParamDecl> decls{{"weight", Shape{out, in}, w, in, out, true}};
  if (p_.bias) {
    InitSpec b = p_.bias_init;
    if (b.kind == InitKind::Default) {
      const float bound = in > 0 ? 1.0f / std::sqrt(static_cast<float>(in)) : 0.0f;
      b = InitSpec{};
      b.kind = InitKind::Uniform;
      b.a = -bound;
      b.b = bound;
    }
    decls.push_back({"bias", Shape{out}, b, in, out, true});
  }
  return decls;
}

void Linear::bind(std::span<const Tensor> params, std::span<const Tensor> grads) {
  weight_ = params[0];
  dweight_ = grads[0];
  if (p_.bias) {
    bias_ = params[1];
    dbias_ = grads[1];
  }
}

void Linear::reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) {
  const int64_t in = inputs[0].numel(), out = p_.out_features;
  if (fused()) {
    pre_storage_ = backend.memory().empty({max_batch, out});
    dpre_storage_ = backend.memory().empty({max_batch, out});
  }
  if (p_.drop_connect > 0.0f && mask_.numel() != out * in) {
    mask_ = backend.memory().empty({out, in});
    masked_weight_ = backend.memory().empty({out, in});
    dweight_scratch_ = backend.memory().empty({out, in});
  }
}

void Linear::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  const Tensor& x = inputs[0];  // (N, in)
  const Tensor* w = &weight_;   // (out, in)
  masked_ = drop_connect_active(ctx);
  if (masked_) {
    DropoutOps& ops = ctx.backend.dropout();
    ops.dropout_mask(node_stream_seed(ctx.seed, ctx.node_id), ctx.counter, p_.drop_connect, false,
                     1, mask_);
    ops.multiply(weight_, mask_, masked_weight_);
    w = &masked_weight_;
  }
  const Tensor* b = p_.bias ? &bias_ : nullptr;
  if (!fused()) {
    ctx.backend.dense().linear_forward(x, *w, b, output);
    return;
  }
  Tensor pre = pre_storage_.narrow_batch(0, x.dim(0));  // (N, out)
  ctx.backend.dense().linear_forward(x, *w, b, pre);
  ctx.backend.dense().activation_forward(p_.activation, p_.act, pre, output);
}

void Linear::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                      const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  const Tensor& x = inputs[0];  // (N, in)
  DenseOps& dense = ctx.backend.dense();
  const Tensor* dpre = &grad_output;  // (N, out)
  Tensor dpre_view;
  if (fused()) {
    const Tensor pre = pre_storage_.narrow_batch(0, x.dim(0));
    dpre_view = dpre_storage_.narrow_batch(0, x.dim(0));
    dense.activation_backward(p_.activation, p_.act, pre, output, grad_output, dpre_view);
    dpre = &dpre_view;
  }
  Tensor* db = p_.bias ? &dbias_ : nullptr;
  if (!masked_) {
    dense.linear_backward(x, weight_, *dpre, grad_inputs[0], &dweight_, db);
    return;
  }
  // y = x (W * M)^T: dx uses the masked weights; dW = (dy^T x) * M.
  ctx.backend.memory().fill(dweight_scratch_, 0.0f);
  dense.linear_backward(x, masked_weight_, *dpre, grad_inputs[0], &dweight_scratch_, db);
  ctx.backend.dropout().multiply(dweight_scratch_, mask_, dweight_scratch_);
  ctx.backend.memory().axpy(1.0f, dweight_scratch_, dweight_);
}

}  // namespace bp
