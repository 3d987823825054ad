#include "engine/nn/concat_layer.h"

namespace bp {

ShapeOrError Concat::output_shape(std::span<const Shape> inputs) const {
  if (inputs.size() < 2) return std::string("Concat needs at least 2 inputs");
  Shape out = inputs[0];
  for (size_t i = 1; i < inputs.size(); ++i) {
    const Shape& s = inputs[i];
    bool ok = s.rank() == out.rank();
    for (int d = 1; ok && d < s.rank(); ++d) ok = s[d] == out[d];
    if (!ok)
      return "Concat joins along the first feature dimension; the other dimensions must match: " +
             inputs[0].to_string() + " (input 1) vs " + s.to_string() + " (input " +
             std::to_string(i + 1) + ")";
    out[0] += s[0];
  }
  return out;
}

void Concat::reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) {
  parts_.assign(inputs.size(), nullptr);
  dparts_.assign(inputs.size(), nullptr);
  scratch_storage_.clear();
  for (const Shape& s : inputs)
    scratch_storage_.push_back(backend.memory().empty(s.with_batch(max_batch)));
  scratch_.assign(inputs.size(), Tensor());
}

void Concat::forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) {
  if (parts_.size() != inputs.size()) parts_.resize(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) parts_[i] = &inputs[i];
  ctx.backend.dense().concat_forward(parts_.data(), static_cast<int>(inputs.size()), output);
}

void Concat::backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& /*output*/,
                      const Tensor& grad_output, std::span<Tensor* const> grad_inputs) {
  // The op can skip at most one null entry (it infers the width); give the others a scratch.
  int nulls = 0;
  for (Tensor* d : grad_inputs) nulls += d == nullptr;
  if (dparts_.size() != grad_inputs.size()) dparts_.resize(grad_inputs.size());
  for (size_t i = 0; i < grad_inputs.size(); ++i) {
    dparts_[i] = grad_inputs[i];
    if (!dparts_[i] && nulls > 1 && i < scratch_storage_.size()) {
      scratch_[i] = scratch_storage_[i].narrow_batch(0, inputs[i].dim(0));
      dparts_[i] = &scratch_[i];
    }
  }
  if (nulls == static_cast<int>(grad_inputs.size())) return;
  ctx.backend.dense().concat_backward(grad_output, dparts_.data(),
                                      static_cast<int>(grad_inputs.size()));
}

}  // namespace bp
