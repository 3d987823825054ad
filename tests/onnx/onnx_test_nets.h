#pragma once
// The networks the ONNX consumer tests export, as projects with small data (trained briefly by
// the test so the weights are not the initial ones): the bundled MLP, LeNet-5 and residual CNN
// examples, a BatchNorm net, a net with every activation (and the vector layers), and a net with
// the remaining convolutional layers.
#include <string>
#include <vector>

#include "engine/io/project.h"

namespace bp::test {

inline NodeSpec onnx_node(NodeKind kind, const std::string& name) {
  NodeSpec n;
  n.kind = kind;
  n.name = name;
  return n;
}

inline NodeSpec onnx_act(const std::string& name, Activation f) {
  NodeSpec n = onnx_node(NodeKind::Activation, name);
  n.params.activation = f;
  return n;
}

inline NodeSpec onnx_linear(const std::string& name, int64_t out, Activation f) {
  NodeSpec n = onnx_node(NodeKind::Linear, name);
  n.params.out_features = out;
  n.params.activation = f;
  return n;
}

// A DAG built node by node: add(node, producers) connects the producers in port order.
struct OnnxNetBuilder {
  NetworkSpec spec;
  int add(NodeSpec n, const std::vector<int>& from = {}) {
    n.id = spec.next_node_id();
    spec.nodes.push_back(n);
    for (size_t port = 0; port < from.size(); ++port) {
      EdgeSpec e;
      e.id = spec.next_edge_id();
      e.from = from[port];
      e.to = n.id;
      e.to_port = static_cast<int>(port);
      spec.edges.push_back(e);
    }
    return n.id;
  }
};

// Bundled examples on a few hundred digits.
inline Project onnx_example(const std::string& name) {
  Project p = read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/" + name + ".json");
  p.dataset.max_train = 256;
  p.dataset.max_test = 20;
  p.training.batch_size = 32;
  return p;
}

inline DatasetSpec small_digits(int resize) {
  DatasetSpec d;
  d.source = DatasetSource::MnistDigits;
  d.resize = resize;
  d.max_train = 256;
  d.max_test = 20;
  d.normalize = true;
  return d;
}

inline TrainConfig quick_adam() {
  TrainConfig t;
  t.optimizer.kind = OptimizerKind::Adam;
  t.optimizer.lr = 0.01f;
  t.batch_size = 32;
  return t;
}

// Conv2d -> BatchNorm2d -> ReLU -> MaxPool -> Flatten -> Linear -> BatchNorm1d -> ReLU -> Linear
inline Project batchnorm_net() {
  NodeSpec conv = onnx_node(NodeKind::Conv2d, "conv1");
  conv.params.out_channels = 6;
  conv.params.padding = {1, 1};
  NodeSpec pool = onnx_node(NodeKind::MaxPool2d, "pool1");
  pool.params.kernel = pool.params.stride = {2, 2};
  NodeSpec bn3 = onnx_node(NodeKind::BatchNorm1d, "bn3");
  bn3.params.affine = false;
  Project p;
  p.name = "BatchNorm net";
  p.network = make_sequential(
      Shape{1, 14, 14},
      {conv, onnx_node(NodeKind::BatchNorm2d, "bn1"), onnx_act("relu1", Activation::ReLU), pool,
       onnx_node(NodeKind::Flatten, "flatten1"), onnx_linear("fc1", 32, Activation::Identity), bn3,
       onnx_act("relu2", Activation::ReLU), onnx_linear("fc2", 10, Activation::Identity)});
  p.dataset = small_digits(14);
  p.training = quick_adam();
  return p;
}

// Every activation (fused into Linear and as nodes), PReLU shared and per feature, Maxout, Step,
// LayerNorm, the dropouts, Concat, Add and Softmax, on 2-D points with every derived feature and
// standardization (so the graph's input preparation is tested too).
inline Project every_activation_net() {
  OnnxNetBuilder b;
  NodeSpec in = onnx_node(NodeKind::Input, "input");
  in.params.input_shape = Shape{7};
  int x = b.add(in);
  const Activation chain[] = {Activation::Sigmoid,   Activation::Tanh, Activation::ReLU,
                              Activation::LeakyReLU, Activation::ELU,  Activation::SELU,
                              Activation::GELU,      Activation::SiLU, Activation::Softplus,
                              Activation::ScaledTanh};
  int k = 1;
  for (Activation f : chain) {
    NodeSpec fc = onnx_linear("fc" + std::to_string(k++), 12, f);
    fc.params.act.negative_slope = 0.1f;
    fc.params.act.alpha = 0.7f;
    fc.params.act.beta = 2.0f;
    fc.params.act.threshold = 1.5f;  // some inputs take the linear branch
    x = b.add(fc, {x});
  }
  const int trunk = x;
  int step = b.add(onnx_linear("fc_step", 12, Activation::Identity), {trunk});
  step = b.add(onnx_act("step1", Activation::Step), {step});
  NodeSpec prelu = onnx_node(NodeKind::PReLU, "prelu1");
  int other = b.add(prelu, {trunk});
  other = b.add(onnx_act("identity1", Activation::Identity), {other});
  other = b.add(onnx_node(NodeKind::LayerNorm, "ln1"), {other});
  other = b.add(onnx_node(NodeKind::Dropout, "dropout1"), {other});
  other = b.add(onnx_node(NodeKind::GaussianDropout, "gdropout1"), {other});
  int joined = b.add(onnx_node(NodeKind::Concat, "concat1"), {step, other});  // (24)
  joined = b.add(onnx_linear("fc_pieces", 24, Activation::Identity), {joined});
  NodeSpec maxout = onnx_node(NodeKind::Maxout, "maxout1");
  maxout.params.pool_size = 2;
  joined = b.add(maxout, {joined});                                   // (12)
  joined = b.add(onnx_node(NodeKind::Add, "add1"), {joined, trunk});  // residual
  NodeSpec prelu2 = onnx_node(NodeKind::PReLU, "prelu2");
  prelu2.params.num_parameters = 12;
  joined = b.add(prelu2, {joined});
  NodeSpec ln2 = onnx_node(NodeKind::LayerNorm, "ln2");
  ln2.params.affine = false;
  joined = b.add(ln2, {joined});
  // Softmax inside (an output of probabilities would hide differences): logits out
  const int probabilities = b.add(onnx_node(NodeKind::Softmax, "softmax1"), {joined});
  joined = b.add(onnx_node(NodeKind::Concat, "concat2"), {joined, probabilities});
  b.add(onnx_linear("fc_out", 3, Activation::Identity), {joined});

  Project p;
  p.name = "Every activation";
  p.network = b.spec;
  p.dataset.source = DatasetSource::Toy;
  p.dataset.toy = ToyKind::Spiral;
  p.dataset.classes = 3;
  p.dataset.samples = 300;
  p.dataset.feature_x2 = p.dataset.feature_y2 = p.dataset.feature_xy = true;
  p.dataset.feature_sinx = p.dataset.feature_siny = true;
  p.dataset.standardize = true;
  p.training = quick_adam();
  return p;
}

// The convolutional layers the examples leave out: PReLU per channel, LocallyConnected2d,
// AvgPool2d with padding, dilated Conv2d and MaxPool2d, Dropout2d, LayerNorm over an image,
// AdaptiveAvgPool2d.
inline Project conv_zoo_net() {
  NodeSpec conv1 = onnx_node(NodeKind::Conv2d, "conv1");
  conv1.params.out_channels = 4;
  conv1.params.padding = {1, 1};
  NodeSpec prelu = onnx_node(NodeKind::PReLU, "prelu1");
  prelu.params.num_parameters = 4;
  NodeSpec local = onnx_node(NodeKind::LocallyConnected2d, "local1");
  local.params.out_channels = 3;
  local.params.stride = {2, 2};
  local.params.padding = {1, 1};  // (3, 7, 7)
  NodeSpec avg = onnx_node(NodeKind::AvgPool2d, "avgpool1");
  avg.params.kernel = {3, 3};
  avg.params.stride = {2, 2};
  avg.params.padding = {1, 1};
  avg.params.count_include_pad = false;  // (3, 4, 4)
  NodeSpec conv2 = onnx_node(NodeKind::Conv2d, "conv2");
  conv2.params.out_channels = 4;
  conv2.params.kernel = {2, 2};
  conv2.params.dilation = {2, 2};
  conv2.params.padding = {1, 1};  // (4, 4, 4)
  NodeSpec mp = onnx_node(NodeKind::MaxPool2d, "pool1");
  mp.params.kernel = {2, 2};
  mp.params.stride = {1, 1};
  mp.params.padding = {1, 1};
  mp.params.dilation = {2, 2};  // (4, 4, 4)
  NodeSpec gap = onnx_node(NodeKind::AdaptiveAvgPool2d, "gap1");
  gap.params.output_size = {2, 2};  // AveragePool
  NodeSpec global = onnx_node(NodeKind::AdaptiveAvgPool2d, "gap2");
  global.params.output_size = {1, 1};  // GlobalAveragePool
  OnnxNetBuilder b;
  b.spec = make_sequential(
      Shape{1, 14, 14},
      {conv1, prelu, local, onnx_act("elu1", Activation::ELU), avg, conv2, mp,
       onnx_node(NodeKind::Dropout2d, "dropout2d1"), onnx_node(NodeKind::LayerNorm, "ln1")});
  const int features = b.spec.nodes.back().id;
  const int a = b.add(onnx_node(NodeKind::Flatten, "flatten1"), {b.add(gap, {features})});
  const int c = b.add(onnx_node(NodeKind::Flatten, "flatten2"), {b.add(global, {features})});
  b.add(onnx_linear("fc1", 10, Activation::Identity),
        {b.add(onnx_node(NodeKind::Concat, "concat1"), {a, c})});
  Project p;
  p.name = "Convolution zoo";
  p.network = b.spec;
  p.dataset = small_digits(14);
  p.training = quick_adam();
  return p;
}

}  // namespace bp::test
