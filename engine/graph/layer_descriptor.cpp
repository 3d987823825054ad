#include "engine/graph/layer_descriptor.h"

#include <algorithm>
#include <sstream>
#include <type_traits>

#include "engine/core/error.h"

namespace bp {
namespace {

std::vector<LayerDescriptor> build_table() {
  std::vector<LayerDescriptor> all;
  add_dense_descriptors(all);
  add_conv_descriptors(all);
  add_norm_descriptors(all);
  add_structure_descriptors(all);
  std::sort(all.begin(), all.end(), [](const LayerDescriptor& a, const LayerDescriptor& b) {
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  for (size_t i = 0; i < all.size(); ++i)
    if (static_cast<size_t>(all[i].kind) != i)
      throw Error("layer descriptors: NodeKind " + std::to_string(i) +
                  " has no descriptor or two (engine/graph/descriptors/*.cpp)");
  return all;
}

template <class T>
struct Member;
template <class T, class C>
struct Member<T C::*> {
  using type = T;
};

}  // namespace

std::span<const LayerDescriptor> layer_descriptors() {
  static const std::vector<LayerDescriptor> table = build_table();
  return table;
}

const LayerDescriptor& layer_descriptor(NodeKind kind) {
  const auto all = layer_descriptors();
  const auto i = static_cast<size_t>(kind);
  if (i >= all.size()) throw Error("no descriptor for NodeKind " + std::to_string(i));
  return all[i];
}

ParamType param_type(const ParamSchema& schema) {
  return std::visit(
      [](auto member) {
        using T = typename Member<decltype(member)>::type;
        if constexpr (std::is_same_v<T, int64_t> || std::is_same_v<T, int>) return ParamType::Int;
        if constexpr (std::is_same_v<T, float>) return ParamType::Real;
        if constexpr (std::is_same_v<T, bool>) return ParamType::Bool;
        if constexpr (std::is_same_v<T, std::array<int, 2>>) return ParamType::Pair;
        if constexpr (std::is_same_v<T, Activation>) return ParamType::Activation;
        if constexpr (std::is_same_v<T, InitSpec>) return ParamType::Init;
        if constexpr (std::is_same_v<T, Shape>) return ParamType::Shape;
      },
      schema.field);
}

ParamValue get_param(const ParamSchema& schema, const LayerParams& p) {
  if (auto* act = std::get_if<float ActivationParams::*>(&schema.field)) return double{p.act.**act};
  return std::visit(
      [&p](auto member) -> ParamValue {
        using T = typename Member<decltype(member)>::type;
        if constexpr (std::is_same_v<decltype(member), float ActivationParams::*>) {
          return 0.0;  // handled above
        } else if constexpr (std::is_same_v<T, int>) {
          return int64_t{p.*member};
        } else if constexpr (std::is_same_v<T, float>) {
          return double{p.*member};
        } else {
          return p.*member;
        }
      },
      schema.field);
}

void set_param(const ParamSchema& schema, LayerParams& p, const ParamValue& value) {
  auto wrong = [&schema]() {
    throw Error(std::string("layer parameter '") + schema.key + "': a value of the wrong type");
  };
  if (auto* act = std::get_if<float ActivationParams::*>(&schema.field)) {
    const auto* v = std::get_if<double>(&value);
    if (!v) wrong();
    p.act.** act = static_cast<float>(*v);
    return;
  }
  std::visit(
      [&](auto member) {
        using T = typename Member<decltype(member)>::type;
        if constexpr (std::is_same_v<decltype(member), float ActivationParams::*>) {
          return;  // handled above
        } else if constexpr (std::is_same_v<T, int>) {
          const auto* v = std::get_if<int64_t>(&value);
          if (!v) wrong();
          p.*member = static_cast<int>(*v);
        } else if constexpr (std::is_same_v<T, float>) {
          const auto* v = std::get_if<double>(&value);
          if (!v) wrong();
          p.*member = static_cast<float>(*v);
        } else {
          const auto* v = std::get_if<T>(&value);
          if (!v) wrong();
          p.*member = *v;
        }
      },
      schema.field);
}

bool is_relevant(const ParamSchema& schema, const LayerParams& params) {
  return !schema.relevant || schema.relevant(params);
}

namespace descriptor_parts {

std::string py_float(float v) {
  std::ostringstream s;
  s.precision(9);
  s << v;
  std::string t = s.str();
  if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
  return t;
}

std::string py_bool(bool b) {
  return b ? "True" : "False";
}

std::string py_pair(const std::array<int, 2>& a) {
  return "(" + std::to_string(a[0]) + ", " + std::to_string(a[1]) + ")";
}

std::string window(const std::array<int, 2>& k) {
  return k[0] == k[1] ? std::to_string(k[0]) + "×" + std::to_string(k[0])
                      : std::to_string(k[0]) + "×" + std::to_string(k[1]);
}

std::string activation_module(Activation f, const ActivationParams& a) {
  switch (f) {
    case Activation::Identity:
      return "nn.Identity()";
    case Activation::Step:
      return "Step()";
    case Activation::Sigmoid:
      return "nn.Sigmoid()";
    case Activation::Tanh:
      return "nn.Tanh()";
    case Activation::ReLU:
      return "nn.ReLU()";
    case Activation::LeakyReLU:
      return "nn.LeakyReLU(negative_slope=" + py_float(a.negative_slope) + ")";
    case Activation::ELU:
      return "nn.ELU(alpha=" + py_float(a.alpha) + ")";
    case Activation::SELU:
      return "nn.SELU()";
    case Activation::GELU:
      return "nn.GELU()";
    case Activation::SiLU:
      return "nn.SiLU()";
    case Activation::Softplus:
      return "nn.Softplus(beta=" + py_float(a.beta) + ", threshold=" + py_float(a.threshold) + ")";
    case Activation::ScaledTanh:
      return "ScaledTanh()";
  }
  return "nn.Identity()";
}

}  // namespace descriptor_parts

}  // namespace bp
