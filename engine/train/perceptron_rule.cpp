// Rosenblatt's perceptron rule (Rosenblatt 1958). The update is error-driven, not a gradient:
// Step has derivative 0, so backprop could not train this network. Runs on host copies of the
// weights (one download and one upload per epoch), so it works with any backend.
#include "engine/train/perceptron_rule.h"

#include <numeric>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace bp {
namespace {

// The Linear node of an Input -> Linear(1, Step) network, or a bp::Error saying what is wrong.
const NodeSpec& perceptron_node(const NetworkSpec& spec) {
  const NodeSpec* linear = nullptr;
  int inputs = 0;
  for (const auto& n : spec.nodes) {
    if (n.kind == NodeKind::Input) {
      ++inputs;
    } else if (n.kind == NodeKind::Linear && !linear) {
      linear = &n;
    } else {
      throw Error(
          "the perceptron rule trains exactly one Linear layer (Input -> Linear with 1 "
          "output and Step activation); this network also has '" +
          n.name + "'. Use gradient training for deeper networks.");
    }
  }
  if (inputs != 1 || !linear)
    throw Error("the perceptron rule needs an Input followed by one Linear layer");
  if (linear->params.out_features != 1)
    throw Error("the perceptron rule needs a Linear layer with 1 output; '" + linear->name +
                "' has " + std::to_string(linear->params.out_features));
  if (linear->params.activation != Activation::Step)
    throw Error("the perceptron rule needs the Step activation on '" + linear->name +
                "' (set the layer's activation to Step)");
  return *linear;
}

}  // namespace

int64_t perceptron_epoch(Model& model, const Dataset& data, float lr, Rng& rng) {
  const NodeSpec& node = perceptron_node(model.spec());
  ParameterStore& params = model.params();
  const ParamEntry* w_entry = params.find(node.name + ".weight");
  const ParamEntry* b_entry = params.find(node.name + ".bias");
  if (!w_entry) throw Error("perceptron: '" + node.name + "' has no weight");
  const int64_t d = w_entry->decl.shape.numel();  // weight: (1, D)
  if (data.sample_shape.numel() != d)
    throw Error("perceptron: samples have " + std::to_string(data.sample_shape.numel()) +
                " features, the layer expects " + std::to_string(d));
  Backend& backend = model.backend();
  std::vector<float> host(static_cast<size_t>(params.trainable_count()));
  backend.memory().download(params.values(), host.data());
  float* w = host.data() + w_entry->offset;                      // (D)
  float* b = b_entry ? host.data() + b_entry->offset : nullptr;  // (1) or none

  std::vector<int64_t> order(static_cast<size_t>(data.size()));
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(order.begin(), order.end());
  int64_t mistakes = 0;
  for (int64_t i : order) {
    const float* x = data.sample(i);  // (D)
    const float t = data.target(i)[0];
    if (t != 0.0f && t != 1.0f)
      throw Error("perceptron: labels must be 0 or 1; sample " + std::to_string(i) + " has " +
                  std::to_string(t));
    float z = b ? *b : 0.0f;
    for (int64_t j = 0; j < d; ++j) z += w[j] * x[j];
    const float y = z > 0.0f ? 1.0f : 0.0f;
    if (y == t) continue;
    ++mistakes;
    const float delta = lr * (t - y);
    for (int64_t j = 0; j < d; ++j) w[j] += delta * x[j];
    if (b) *b += delta;
  }
  backend.memory().upload(host.data(), params.values());
  return mistakes;
}

}  // namespace bp
