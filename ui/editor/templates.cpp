#include "ui/editor/templates.h"

#include "ui/document/commands/auto_layout.h"

namespace bp::ui {
namespace {

NodeSpec linear(int64_t units, Activation f = Activation::Identity) {
  NodeSpec n;
  n.kind = NodeKind::Linear;
  n.params.out_features = units;
  n.params.activation = f;
  return n;
}

NodeSpec activation(Activation f) {
  NodeSpec n;
  n.kind = NodeKind::Activation;
  n.params.activation = f;
  return n;
}

NodeSpec conv(int64_t channels, int k, int pad) {
  NodeSpec n;
  n.kind = NodeKind::Conv2d;
  n.params.out_channels = channels;
  n.params.kernel = {k, k};
  n.params.padding = {pad, pad};
  return n;
}

NodeSpec max_pool(int k) {
  NodeSpec n;
  n.kind = NodeKind::MaxPool2d;
  n.params.kernel = {k, k};
  n.params.stride = {k, k};
  return n;
}

NodeSpec of_kind(NodeKind kind) {
  NodeSpec n;
  n.kind = kind;
  return n;
}

NetworkSpec laid_out(NetworkSpec net) {
  for (const auto& [id, p] : AutoLayout::compute(net)) {
    NodeSpec* n = net.find(id);
    n->x = p.x();
    n->y = p.y();
  }
  return net;
}

// Appends `n` fed by `from` (port 0); returns its id.
int append(NetworkSpec& net, NodeSpec n, int from) {
  n.id = net.next_node_id();
  n.name = net.unique_name(n.kind);
  net.nodes.push_back(n);
  net.edges.push_back({net.next_edge_id(), from, n.id, 0});
  return n.id;
}

NetworkSpec residual_cnn() {
  NetworkSpec net =
      make_sequential(Shape{1, 28, 28}, {conv(8, 3, 1), activation(Activation::ReLU)});
  const int stem = net.nodes.back().id;
  int a = append(net, conv(8, 3, 1), stem);
  a = append(net, activation(Activation::ReLU), a);
  a = append(net, conv(8, 3, 1), a);
  NodeSpec add = of_kind(NodeKind::Add);
  add.id = net.next_node_id();
  add.name = net.unique_name(NodeKind::Add);
  net.nodes.push_back(add);
  net.edges.push_back({net.next_edge_id(), a, add.id, 0});
  net.edges.push_back({net.next_edge_id(), stem, add.id, 1});  // the skip connection
  int b = append(net, activation(Activation::ReLU), add.id);
  b = append(net, max_pool(2), b);
  b = append(net, of_kind(NodeKind::Flatten), b);
  append(net, linear(10), b);
  return net;
}

// A template trained by backprop with CrossEntropyLoss on class logits.
NetworkTemplate classifier(const QString& name, const QString& description, NetworkSpec net) {
  return {
      name,        description, std::move(net), TrainerKind::Gradient, LossKind::CrossEntropyLoss,
      std::nullopt};
}

}  // namespace

NetworkSpec spiral_mlp() {
  return laid_out(make_sequential(
      Shape{2}, {linear(8, Activation::Tanh), linear(8, Activation::Tanh), linear(2)}));
}

std::vector<NetworkTemplate> network_templates() {
  std::vector<NetworkTemplate> t;
  {
    // Rosenblatt's rule (not backprop: Step has no gradient) on 0/1 targets, with two separable
    // clouds to learn; switch the dataset to XOR to watch it fail.
    DatasetSpec clouds;
    clouds.source = DatasetSource::Toy;
    clouds.toy = ToyKind::Gaussians;
    clouds.classes = 2;
    clouds.samples = 200;
    clouds.noise = 0.0f;
    t.push_back({QObject::tr("Perceptron"),
                 QObject::tr("Rosenblatt's perceptron: one linear unit with a step activation, "
                             "trained by the perceptron rule on two separable clouds (try XOR: it "
                             "cannot learn it)."),
                 laid_out(make_sequential(Shape{2}, {linear(1, Activation::Step)})),
                 TrainerKind::Perceptron, LossKind::BCEWithLogitsLoss, clouds});
  }
  t.push_back(
      classifier(QObject::tr("MLP"),
                 QObject::tr("A small multi-layer perceptron for 2-D toy data: 2-8-8-2 with Tanh."),
                 spiral_mlp()));
  t.push_back(classifier(
      QObject::tr("Deep MLP"),
      QObject::tr("Five hidden ReLU layers of 16 units: deep enough to watch gradients "
                  "shrink or explode."),
      laid_out(make_sequential(
          Shape{2},
          {linear(16, Activation::ReLU), linear(16, Activation::ReLU), linear(16, Activation::ReLU),
           linear(16, Activation::ReLU), linear(16, Activation::ReLU), linear(2)}))));
  t.push_back(classifier(
      QObject::tr("LeNet-5"),
      QObject::tr("LeCun et al. (1998): two convolution + pooling stages, then three dense "
                  "layers, for 28x28 digits."),
      laid_out(make_sequential(
          Shape{1, 28, 28},
          {conv(6, 5, 2), activation(Activation::ReLU), max_pool(2), conv(16, 5, 0),
           activation(Activation::ReLU), max_pool(2), of_kind(NodeKind::Flatten),
           linear(120, Activation::ReLU), linear(84, Activation::ReLU), linear(10)}))));
  t.push_back(
      classifier(QObject::tr("Residual CNN"),
                 QObject::tr("A convolutional network with one residual block: the block's output "
                             "is added to its input (He et al., 2016)."),
                 laid_out(residual_cnn())));
  return t;
}

TrainConfig template_train_config(const NetworkTemplate& t, const TrainConfig& current) {
  TrainConfig cfg = current;
  const bool was_perceptron = cfg.trainer == TrainerKind::Perceptron;
  cfg.trainer = t.trainer;
  cfg.loss = t.loss;
  if (t.trainer == TrainerKind::Perceptron) cfg.optimizer.lr = 1.0f;
  // Leaving the perceptron: back to a learning rate gradient training can use.
  if (was_perceptron && t.trainer == TrainerKind::Gradient) cfg.optimizer.lr = 0.01f;
  return cfg;
}

}  // namespace bp::ui
