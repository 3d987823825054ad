#include "engine/graph/names.h"
#include "engine/graph/name_table.h"

#include <array>
#include <utility>

namespace bp {
namespace {

using names::all_of;
using names::name_of;
using names::parse;
using names::Table;

constexpr Table<NodeKind, 20> kNodeKinds{{
    {NodeKind::Input, "Input"},
    {NodeKind::Linear, "Linear"},
    {NodeKind::Activation, "Activation"},
    {NodeKind::PReLU, "PReLU"},
    {NodeKind::Maxout, "Maxout"},
    {NodeKind::Softmax, "Softmax"},
    {NodeKind::Add, "Add"},
    {NodeKind::Concat, "Concat"},
    {NodeKind::Flatten, "Flatten"},
    {NodeKind::Dropout, "Dropout"},
    {NodeKind::GaussianDropout, "GaussianDropout"},
    {NodeKind::Dropout2d, "Dropout2d"},
    {NodeKind::BatchNorm1d, "BatchNorm1d"},
    {NodeKind::BatchNorm2d, "BatchNorm2d"},
    {NodeKind::LayerNorm, "LayerNorm"},
    {NodeKind::Conv2d, "Conv2d"},
    {NodeKind::LocallyConnected2d, "LocallyConnected2d"},
    {NodeKind::MaxPool2d, "MaxPool2d"},
    {NodeKind::AvgPool2d, "AvgPool2d"},
    {NodeKind::AdaptiveAvgPool2d, "AdaptiveAvgPool2d"},
}};

constexpr Table<Activation, 11> kActivations{{
    {Activation::Identity, "Identity"},
    {Activation::Step, "Step"},
    {Activation::Sigmoid, "Sigmoid"},
    {Activation::Tanh, "Tanh"},
    {Activation::ReLU, "ReLU"},
    {Activation::LeakyReLU, "LeakyReLU"},
    {Activation::ELU, "ELU"},
    {Activation::SELU, "SELU"},
    {Activation::GELU, "GELU"},
    {Activation::SiLU, "SiLU"},
    {Activation::Softplus, "Softplus"},
}};

constexpr Table<LossKind, 5> kLosses{{
    {LossKind::MSELoss, "MSELoss"},
    {LossKind::L1Loss, "L1Loss"},
    {LossKind::HuberLoss, "HuberLoss"},
    {LossKind::BCEWithLogitsLoss, "BCEWithLogitsLoss"},
    {LossKind::CrossEntropyLoss, "CrossEntropyLoss"},
}};

constexpr Table<InitKind, 11> kInits{{
    {InitKind::Default, "default"},
    {InitKind::Zeros, "zeros"},
    {InitKind::Constant, "constant"},
    {InitKind::Uniform, "uniform"},
    {InitKind::Normal, "normal"},
    {InitKind::XavierUniform, "xavier_uniform"},
    {InitKind::XavierNormal, "xavier_normal"},
    {InitKind::KaimingUniform, "kaiming_uniform"},
    {InitKind::KaimingNormal, "kaiming_normal"},
    {InitKind::LecunNormal, "lecun_normal"},
    {InitKind::Orthogonal, "orthogonal"},
}};

constexpr Table<FanMode, 2> kFanModes{{{FanMode::FanIn, "fan_in"}, {FanMode::FanOut, "fan_out"}}};

constexpr Table<Nonlinearity, 6> kNonlinearities{{
    {Nonlinearity::Linear, "linear"},
    {Nonlinearity::Sigmoid, "sigmoid"},
    {Nonlinearity::Tanh, "tanh"},
    {Nonlinearity::ReLU, "relu"},
    {Nonlinearity::LeakyReLU, "leaky_relu"},
    {Nonlinearity::SELU, "selu"},
}};

}  // namespace

std::string to_string(NodeKind kind) {
  return name_of(kNodeKinds, kind);
}
std::string to_string(Activation f) {
  return name_of(kActivations, f);
}
std::string to_string(LossKind kind) {
  return name_of(kLosses, kind);
}
std::string to_string(InitKind kind) {
  return name_of(kInits, kind);
}
std::string to_string(FanMode mode) {
  return name_of(kFanModes, mode);
}
std::string to_string(Nonlinearity nl) {
  return name_of(kNonlinearities, nl);
}

std::optional<NodeKind> parse_node_kind(std::string_view name) {
  return parse(kNodeKinds, name);
}
std::optional<Activation> parse_activation(std::string_view name) {
  return parse(kActivations, name);
}
std::optional<LossKind> parse_loss_kind(std::string_view name) {
  return parse(kLosses, name);
}
std::optional<InitKind> parse_init_kind(std::string_view name) {
  return parse(kInits, name);
}
std::optional<FanMode> parse_fan_mode(std::string_view name) {
  return parse(kFanModes, name);
}
std::optional<Nonlinearity> parse_nonlinearity(std::string_view name) {
  return parse(kNonlinearities, name);
}

std::vector<NodeKind> all_node_kinds() {
  return all_of(kNodeKinds);
}
std::vector<Activation> all_activations() {
  return all_of(kActivations);
}
std::vector<LossKind> all_loss_kinds() {
  return all_of(kLosses);
}
std::vector<InitKind> all_init_kinds() {
  return all_of(kInits);
}

std::string default_name_prefix(NodeKind kind) {
  switch (kind) {
    case NodeKind::Input:
      return "input";
    case NodeKind::Linear:
      return "fc";
    case NodeKind::Activation:
      return "act";
    case NodeKind::PReLU:
      return "prelu";
    case NodeKind::Maxout:
      return "maxout";
    case NodeKind::Softmax:
      return "softmax";
    case NodeKind::Add:
      return "add";
    case NodeKind::Concat:
      return "concat";
    case NodeKind::Flatten:
      return "flatten";
    case NodeKind::Dropout:
      return "dropout";
    case NodeKind::GaussianDropout:
      return "gdropout";
    case NodeKind::Dropout2d:
      return "dropout2d";
    case NodeKind::BatchNorm1d:
    case NodeKind::BatchNorm2d:
      return "bn";
    case NodeKind::LayerNorm:
      return "ln";
    case NodeKind::Conv2d:
      return "conv";
    case NodeKind::LocallyConnected2d:
      return "local";
    case NodeKind::MaxPool2d:
      return "pool";
    case NodeKind::AvgPool2d:
      return "avgpool";
    case NodeKind::AdaptiveAvgPool2d:
      return "gap";
  }
  return "node";
}

}  // namespace bp
