#pragma once
// Linear (torch.nn.Linear): y = f(x W^T + b) with an optional fused activation f
// (Playground-style "dense layer") and optional DropConnect on the weights in training.
// weight: (out_features, in_features)  bias: (out_features)
#include "engine/graph/network_spec.h"
#include "engine/nn/layer.h"

namespace bp {

class Linear final : public Layer {
 public:
  explicit Linear(const LayerParams& params) : p_(params) {}

  ShapeOrError output_shape(std::span<const Shape> inputs) const override;
  std::vector<ParamDecl> parameters(std::span<const Shape> inputs) const override;
  void bind(std::span<const Tensor> params, std::span<const Tensor> grads) override;
  void reserve(Backend& backend, std::span<const Shape> inputs, int64_t max_batch) override;
  // inputs[0]: (N, in)  output: (N, out)
  void forward(ForwardContext& ctx, std::span<const Tensor> inputs, Tensor& output) override;
  // grad_output: (N, out)  grad_inputs[0]: (N, in)
  void backward(ForwardContext& ctx, std::span<const Tensor> inputs, const Tensor& output,
                const Tensor& grad_output, std::span<Tensor* const> grad_inputs) override;

 private:
  bool fused() const { return p_.activation != Activation::Identity; }
  bool drop_connect_active(const ForwardContext& ctx) const {
    return p_.drop_connect > 0.0f && ctx.mode == Mode::Train;
  }

  LayerParams p_;
  Tensor weight_, bias_, dweight_, dbias_;  // (out, in), (out)
  Tensor pre_storage_, dpre_storage_;       // (max_batch, out): pre-activation and its gradient
  Tensor mask_, masked_weight_, dweight_scratch_;  // (out, in): DropConnect
  bool masked_ = false;                            // the last forward used masked weights
};

// The seed of a node's counter-based random stream: the run's seed mixed with the node id.
uint64_t node_stream_seed(uint64_t seed, int node_id);

}  // namespace bp
