#pragma once
// Small networks and datasets shared by the "inside the network" tests (insight snapshots,
// health detectors, rewind): generated here so the tests depend on nothing else.
#include <cmath>
#include <string>
#include <vector>

#include "engine/core/rng.h"
#include "engine/data/dataset.h"
#include "engine/graph/network_spec.h"

namespace bp::test {

// Two interleaved rings, n points (alternating classes), each over `arc` radians (pi: the two
// half-rings of a "moons"-like set).
inline Dataset rings(int n, uint64_t seed, float arc = 6.28318f) {
  Dataset d;
  d.name = "rings";
  d.sample_shape = Shape{2};
  d.num_classes = 2;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    const int c = i % 2;
    const float t = rng.uniform(0.0f, arc);
    const float r = c ? 1.0f : 2.2f;
    d.features.push_back(r * std::cos(t) + rng.normal(0.0f, 0.1f));
    d.features.push_back(r * std::sin(t) + rng.normal(0.0f, 0.1f));
    d.targets.push_back(static_cast<float>(c));
  }
  return d;
}

// n random images (1, size, size) in [0, 1) with labels 0..classes-1.
inline Dataset images(int n, int size, int classes, uint64_t seed) {
  Dataset d;
  d.name = "images";
  d.sample_shape = Shape{1, size, size};
  d.num_classes = classes;
  Rng rng(seed);
  for (int i = 0; i < n; ++i) {
    const int c = i % classes;
    for (int p = 0; p < size * size; ++p)
      d.features.push_back(rng.uniform(0.0f, 1.0f) + (p % classes == c ? 0.5f : 0.0f));
    d.targets.push_back(static_cast<float>(c));
  }
  return d;
}

inline NodeSpec node(NodeKind kind, const std::string& name) {
  NodeSpec n;
  n.kind = kind;
  n.name = name;
  return n;
}

inline NodeSpec linear(const std::string& name, int64_t out, Activation act) {
  NodeSpec n = node(NodeKind::Linear, name);
  n.params.out_features = out;
  n.params.activation = act;
  return n;
}

// in -> hidden layers of `width` with `act` -> out (Identity).
inline NetworkSpec mlp(int64_t in, int hidden_layers, int64_t width, Activation act, int64_t out) {
  std::vector<NodeSpec> layers;
  for (int i = 0; i < hidden_layers; ++i)
    layers.push_back(linear("fc" + std::to_string(i + 1), width, act));
  layers.push_back(linear("fc" + std::to_string(hidden_layers + 1), out, Activation::Identity));
  return make_sequential(Shape{in}, layers);
}

// (1, 8, 8) -> conv1(4, 3x3, pad 1) ReLU -> pool 2 -> conv2(5, 3x3) ReLU -> flatten -> fc(classes),
// with dropout before fc so that the random streams matter.
inline NetworkSpec small_cnn(int classes, bool dropout) {
  NodeSpec conv1 = node(NodeKind::Conv2d, "conv1");
  conv1.params.out_channels = 4;
  conv1.params.padding = {1, 1};
  NodeSpec relu1 = node(NodeKind::Activation, "relu1");
  relu1.params.activation = Activation::ReLU;
  NodeSpec pool1 = node(NodeKind::MaxPool2d, "pool1");
  pool1.params.kernel = {2, 2};
  pool1.params.stride = {2, 2};
  NodeSpec conv2 = node(NodeKind::Conv2d, "conv2");
  conv2.params.out_channels = 5;
  NodeSpec relu2 = relu1;
  relu2.name = "relu2";
  NodeSpec flatten = node(NodeKind::Flatten, "flatten");
  NodeSpec drop = node(NodeKind::Dropout, "drop");
  drop.params.p = 0.25f;
  NodeSpec fc = linear("fc1", classes, Activation::Identity);
  std::vector<NodeSpec> layers{conv1, relu1, pool1, conv2, relu2, flatten};
  if (dropout) layers.push_back(drop);
  layers.push_back(fc);
  return make_sequential(Shape{1, 8, 8}, layers);
}

}  // namespace bp::test
