#pragma once
// Concat (torch.cat(dim=1)): joins 2+ inputs along the feature / channel dimension, in port
// order; every other dimension must match.
#include <limits>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Concat final : public Layer {
 public:
  explicit Concat(const LayerParams& /*params*/) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  void reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) override;
  // inputs[i]: (N, C_i, ...)  output: (N, sum C_i, ...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output: (N, sum C_i, ...)  grad_inputs[i]: (N, C_i, ...)
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;
  int min_inputs() const override { return 2; }
  int max_inputs() const override { return std::numeric_limits<int>::max(); }

 private:
  std::vector<const Tensor*> parts_;     // reused argument vector
  std::vector<Tensor*> dparts_;          // reused argument vector
  std::vector<Tensor> scratch_storage_;  // (max_batch, C_i, ...) for inputs needing no gradient
  std::vector<Tensor> scratch_;
};

}  // namespace bp
