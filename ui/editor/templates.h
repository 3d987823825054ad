#pragma once
// Quick-start networks, each a bp::NetworkSpec built in code and laid out top-down.
#include <QString>
#include <optional>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/io/project.h"

namespace bp::ui {

struct NetworkTemplate {
  QString name;         // "LeNet-5"
  QString description;  // one sentence for the menu's tooltip
  NetworkSpec network;
  // How the template trains: the trainer and the loss it needs (applied with the network, so a
  // template is ready to train). The other training settings stay as they are.
  TrainerKind trainer = TrainerKind::Gradient;
  LossKind loss = LossKind::CrossEntropyLoss;
  // A dataset the template needs (the perceptron: two separable clouds); none: keep the current.
  std::optional<DatasetSpec> dataset;
};

// The training settings `current` becomes when `t` is applied (trainer, loss; the perceptron
// rule also gets a learning rate of 1, Rosenblatt's).
TrainConfig template_train_config(const NetworkTemplate& t, const TrainConfig& current);

std::vector<NetworkTemplate> network_templates();

// The first-launch network: Input(2) -> Linear 8 Tanh -> Linear 8 Tanh -> Linear 2.
NetworkSpec spiral_mlp();

}  // namespace bp::ui
