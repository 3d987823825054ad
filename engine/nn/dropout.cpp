#include "engine/nn/dropout.h"

#include "engine/core/counter_rng.h"

namespace bp {

uint64_t Dropout::mask_seed(uint64_t seed, int node_id) {
  return CounterRng::mix(seed ^ CounterRng::mix(static_cast<uint64_t>(node_id) + 0x5D0Bull));
}

ShapeOrError Dropout::output_shape(std::span<const Shape> inputs) const {
  const Shape& in = inputs[0];
  switch (kind_) {
    case Kind::Dropout:
      if (p_.p < 0.0f || p_.p > 1.0f) return std::string("Dropout: p must be between 0 and 1");
      break;
    case Kind::Gaussian:
      if (p_.p < 0.0f || p_.p >= 1.0f)
        return std::string("GaussianDropout: p must be at least 0 and below 1");
      break;
    case Kind::Channel:
      if (p_.p < 0.0f || p_.p > 1.0f) return std::string("Dropout2d: p must be between 0 and 1");
      if (in.rank() < 2)
        return "Dropout2d zeroes whole channels of an image (C, H, W), got " + in.to_string() +
               ": use Dropout for flat features";
      break;
  }
  return in;
}

void Dropout::reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) {
  const Shape s = inputs[0].with_batch(max_batch);
  if (!mask_storage_.data() || mask_storage_.numel() < s.numel())
    mask_storage_ = backend.memory().empty(s);
}

void Dropout::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  const Tensor& x = inputs[0];
  if (ctx.mode == Mode::Eval || p_.p == 0.0f) {
    ctx.backend.memory().copy(x, output);
    return;
  }
  mask_ = mask_storage_.slice_flat(0, x.shape());
  const int64_t channel = kind_ == Kind::Channel ? x.numel() / (x.dim(0) * x.dim(1)) : 1;
  ctx.backend.dropout().dropout_mask(mask_seed(ctx.seed, ctx.node_id), ctx.counter, p_.p,
                                     kind_ == Kind::Gaussian, channel, mask_);
  ctx.backend.dropout().multiply(x, mask_, output);
}

void Dropout::backward(ForwardContext& ctx, std::span<const Tensor>, const Tensor&,
                       const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  if (!grad_inputs[0]) return;
  if (ctx.mode == Mode::Eval || p_.p == 0.0f)
    ctx.backend.memory().copy(grad_output, *grad_inputs[0]);
  else
    ctx.backend.dropout().multiply(grad_output, mask_, *grad_inputs[0]);
}

}  // namespace bp
