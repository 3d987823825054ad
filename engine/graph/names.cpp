#include "engine/graph/names.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/name_table.h"

#include <array>
#include <utility>

namespace bp {
namespace {

using names::all_of;
using names::name_of;
using names::parse;
using names::Table;

constexpr Table<Activation, 12> kActivations{{
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
    {Activation::ScaledTanh, "ScaledTanh"},
}};

constexpr Table<LossKind, 5> kLosses{{
    {LossKind::MSELoss, "MSELoss"},
    {LossKind::L1Loss, "L1Loss"},
    {LossKind::HuberLoss, "HuberLoss"},
    {LossKind::BCEWithLogitsLoss, "BCEWithLogitsLoss"},
    {LossKind::CrossEntropyLoss, "CrossEntropyLoss"},
}};

constexpr Table<InitKind, 12> kInits{{
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
    {InitKind::FanInUniform, "fan_in_uniform"},
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
  return layer_descriptor(kind).pytorch_name;
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
  for (const auto& d : layer_descriptors())
    if (name == d.pytorch_name) return d.kind;
  return std::nullopt;
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
  std::vector<NodeKind> out;
  for (const auto& d : layer_descriptors()) out.push_back(d.kind);
  return out;
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
std::vector<FanMode> all_fan_modes() {
  return all_of(kFanModes);
}
std::vector<Nonlinearity> all_nonlinearities() {
  return all_of(kNonlinearities);
}

std::string default_name_prefix(NodeKind kind) {
  return layer_descriptor(kind).name_prefix;
}

}  // namespace bp
