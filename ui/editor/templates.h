#pragma once
// Quick-start networks, each a bp::NetworkSpec built in code and laid out top-down.
#include <QString>
#include <vector>

#include "engine/graph/network_spec.h"

namespace bp::ui {

struct NetworkTemplate {
  QString name;         // "LeNet-5"
  QString description;  // one sentence for the menu's tooltip
  NetworkSpec network;
};

std::vector<NetworkTemplate> network_templates();

// The first-launch network: Input(2) -> Linear 8 Tanh -> Linear 8 Tanh -> Linear 2.
NetworkSpec spiral_mlp();

}  // namespace bp::ui
