#pragma once
// Dropout (inverted: kept units scaled by 1/(1-p)), GaussianDropout (multiplicative noise
// N(1, p/(1-p))) and Dropout2d (whole channels zeroed); identity in eval. Masks come from the
// backend's counter-based dropout_mask keyed by (run seed mixed with node id, step counter), so
// every step draws a new mask and a run is reproducible on any backend.
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Dropout final : public Layer {
 public:
  enum class Kind : uint8_t { Dropout, Gaussian, Channel };
  Dropout(Kind kind, const LayerParams& p) : kind_(kind), p_(p) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  void reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) override;
  // x, y: (N, ...)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

  // The mask key for a node: the run seed mixed with the node id.
  static uint64_t mask_seed(uint64_t seed, int node_id);

 private:
  Kind kind_;
  LayerParams p_;
  Tensor mask_storage_;  // (max_batch, ...)
  Tensor mask_;          // (N, ...) of the last training forward
};

}  // namespace bp
