#pragma once
// Shared helpers of the training UI tests: a small Playground-style project and synthetic
// snapshots.
#include <cmath>
#include <memory>

#include "engine/graph/network_spec.h"
#include "engine/io/project.h"
#include "ui/training/training_snapshot.h"

namespace bp::test {

inline NodeSpec dense(int64_t units, Activation f) {
  NodeSpec n;
  n.kind = NodeKind::Linear;
  n.params.out_features = units;
  n.params.activation = f;
  return n;
}

// 2-8-8-2 tanh MLP on a 2-D toy set, CrossEntropyLoss, SGD.
inline Project toy_project(ToyKind toy = ToyKind::Circle, float lr = 0.03f) {
  Project p;
  p.name = "test";
  p.network = make_sequential(Shape{2}, {dense(8, Activation::Tanh), dense(8, Activation::Tanh),
                                         dense(2, Activation::Identity)});
  p.dataset.source = DatasetSource::Toy;
  p.dataset.toy = toy;
  p.dataset.samples = 200;
  p.dataset.noise = 0.05f;
  p.training.loss = LossKind::CrossEntropyLoss;
  p.training.optimizer.kind = OptimizerKind::SGD;
  p.training.optimizer.lr = lr;
  p.training.optimizer.momentum = 0.9f;
  p.training.batch_size = 10;
  p.training.epochs = 100000;
  p.training.seed = 7;
  return p;
}

// A snapshot with 2-D points and a grid computed from tanh(a x + b y) (two logits).
inline std::shared_ptr<ui::TrainingSnapshot> synthetic_snapshot(float a, float b, int step = 0) {
  auto s = std::make_shared<ui::TrainingSnapshot>();
  auto pts = std::make_shared<ui::PlotPoints>();
  for (int i = 0; i < 100; ++i) {
    const float t = static_cast<float>(i) * 0.37f;
    const float x = 4.0f * std::cos(t) * (i % 2 ? 0.4f : 1.0f);
    const float y = 4.0f * std::sin(t) * (i % 2 ? 0.4f : 1.0f);
    (i % 5 ? pts->train_xy : pts->test_xy).push_back(x);
    (i % 5 ? pts->train_xy : pts->test_xy).push_back(y);
    (i % 5 ? pts->train_target : pts->test_target).push_back(static_cast<float>(i % 2));
  }
  s->points = pts;
  s->step = step;
  const int g = 100;
  s->grid.width = s->grid.height = g;
  s->grid.outputs = 2;
  s->grid.values.resize(static_cast<size_t>(g * g * 2));
  for (int r = 0; r < g; ++r)
    for (int c = 0; c < g; ++c) {
      const float x = -6.0f + 12.0f * (static_cast<float>(c) + 0.5f) / g;
      const float y = 6.0f - 12.0f * (static_cast<float>(r) + 0.5f) / g;
      const float v = std::tanh(a * x + b * y);
      s->grid.values[static_cast<size_t>((r * g + c) * 2)] = v;
      s->grid.values[static_cast<size_t>((r * g + c) * 2 + 1)] = -v;
    }
  return s;
}

}  // namespace bp::test
