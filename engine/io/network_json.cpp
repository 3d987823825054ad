// The "network" section: nodes with kind-specific params (PyTorch names), edges, positions.
#include <map>
#include <set>
#include <sstream>
#include <type_traits>
#include <variant>

#include "engine/core/error.h"
#include "engine/graph/layer_descriptor.h"
#include "engine/graph/names.h"
#include "engine/io/project_parts.h"

namespace bp::io {
namespace {

// ---- InitSpec: {"kind": "kaiming_normal", "a", "mode", "nonlinearity"} ----

std::vector<std::string> init_keys(InitKind kind) {
  switch (kind) {
    case InitKind::Constant:
      return {"kind", "value"};
    case InitKind::Uniform:
      return {"kind", "a", "b"};
    case InitKind::FanInUniform:
      return {"kind", "a"};
    case InitKind::Normal:
      return {"kind", "mean", "std"};
    case InitKind::XavierUniform:
    case InitKind::XavierNormal:
    case InitKind::Orthogonal:
      return {"kind", "gain"};
    case InitKind::KaimingUniform:
    case InitKind::KaimingNormal:
      return {"kind", "a", "mode", "nonlinearity"};
    case InitKind::Default:
    case InitKind::Zeros:
    case InitKind::LecunNormal:
      return {"kind"};
  }
  return {"kind"};
}

json init_to_json(const InitSpec& s) {
  json j = json::object();
  for (const auto& k : init_keys(s.kind)) {
    if (k == "kind") j[k] = to_string(s.kind);
    if (k == "value") j[k] = float_value(s.value);
    if (k == "a") j[k] = float_value(s.a);
    if (k == "b") j[k] = float_value(s.b);
    if (k == "mean") j[k] = float_value(s.mean);
    if (k == "std") j[k] = float_value(s.std);
    if (k == "gain") j[k] = float_value(s.gain);
    if (k == "mode") j[k] = to_string(s.mode);
    if (k == "nonlinearity") j[k] = to_string(s.nonlinearity);
  }
  return j;
}

InitSpec read_init(const JsonObject& parent, const char* key) {
  // Find the kind first: it decides which other keys are allowed.
  const JsonObject probe(
      parent.raw(key), parent.origin(), parent.path_of(key),
      {"kind", "value", "a", "b", "mean", "std", "gain", "mode", "nonlinearity"});
  InitSpec s;
  s.kind = probe.get_enum("kind", InitKind::Default, &parse_init_kind, names_of(all_init_kinds()));
  const JsonObject o = parent.child(key, init_keys(s.kind));
  s.value = o.get_float("value", s.value);
  s.a = o.get_float("a", s.a);
  s.b = o.get_float("b", s.b);
  s.mean = o.get_float("mean", s.mean);
  s.std = o.get_float("std", s.std);
  s.gain = o.get_float("gain", s.gain);
  s.mode = o.get_enum("mode", s.mode, &parse_fan_mode, names_of(all_fan_modes()));
  s.nonlinearity = o.get_enum("nonlinearity", s.nonlinearity, &parse_nonlinearity,
                              names_of(all_nonlinearities()));
  return s;
}

// ---- Layer params: the kind's schema (engine/graph/layer_descriptor.h) ----

std::vector<std::string> param_keys(NodeKind kind) {
  std::vector<std::string> keys;
  for (const auto& s : layer_descriptor(kind).params) keys.emplace_back(s.key);
  return keys;
}

json pair_json(const std::array<int, 2>& v) {
  return json::array({v[0], v[1]});
}

// "0.5", "1e-08": the shortest text that reads back as the same double.
std::string float_text(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string range_text(const ParamRange& r) {
  return "[" + float_text(r.lo) + ", " + float_text(r.hi) + "]";
}

std::array<int, 2> read_pair(const JsonObject& o, const char* key, const ParamRange& r) {
  const json& v = o.raw(key);
  const auto lo = static_cast<int64_t>(r.lo), hi = static_cast<int64_t>(r.hi);
  if (v.is_number_integer()) {
    const int x = static_cast<int>(o.get_int(key, 0, lo, hi));
    return {x, x};
  }
  const auto a = o.get_int_array(key, {});
  if (a.size() != 2) o.fail(key, "expected an integer or a pair [h, w], got " + describe(v));
  for (int64_t x : a)
    if (x < lo || x > hi)
      o.fail(key, "the value " + std::to_string(x) + " is out of range " + range_text(r));
  return {static_cast<int>(a[0]), static_cast<int>(a[1])};
}

Shape read_shape(const JsonObject& o, const char* key) {
  const auto dims = o.get_int_array(key, {});
  if (dims.empty() || dims.size() > 3)
    o.fail(key, "expected 1 to 3 dimensions, e.g. [2] or [1, 28, 28]");
  for (int64_t d : dims)
    if (d <= 0 || d > 1000000)
      o.fail(key, "the dimension " + std::to_string(d) +
                      (d <= 0 ? " must be positive" : " is too large (at most 1000000)"));
  return dims.size() == 1   ? Shape{dims[0]}
         : dims.size() == 2 ? Shape{dims[0], dims[1]}
                            : Shape{dims[0], dims[1], dims[2]};
}

json value_json(const ParamValue& v) {
  return std::visit(
      [](const auto& x) -> json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, double>) {
          return float_value(static_cast<float>(x));
        } else if constexpr (std::is_same_v<T, std::array<int, 2>>) {
          return pair_json(x);
        } else if constexpr (std::is_same_v<T, Activation>) {
          return to_string(x);
        } else if constexpr (std::is_same_v<T, InitSpec>) {
          return init_to_json(x);
        } else if constexpr (std::is_same_v<T, Shape>) {
          json dims = json::array();
          for (int i = 0; i < x.rank(); ++i) dims.push_back(x[i]);
          return dims;
        } else {
          return x;
        }
      },
      v);
}

json params_to_json(NodeKind kind, const LayerParams& p) {
  const LayerParams defaults;
  json j = json::object();
  for (const auto& s : layer_descriptor(kind).params) {
    const ParamValue v = get_param(s, p);
    // Written when changed, or when it matters here and the schema does not omit defaults.
    if (v != get_param(s, defaults) || (!s.omit_default && is_relevant(s, p)))
      j[s.key] = value_json(v);
  }
  return j;
}

ParamValue read_value(const JsonObject& o, const ParamSchema& s) {
  const char* key = s.key;
  const auto lo = static_cast<int64_t>(s.range.lo), hi = static_cast<int64_t>(s.range.hi);
  switch (param_type(s)) {
    case ParamType::Int:
      return o.get_int(key, 0, lo, hi);
    case ParamType::Real: {
      const double v = o.get_double(key, 0.0);
      if (!(v >= s.range.lo && v <= s.range.hi))
        o.fail(key, "the value " + float_text(v) + " is out of range " + range_text(s.range));
      return v;
    }
    case ParamType::Bool:
      return o.get_bool(key, false);
    case ParamType::Pair:
      return read_pair(o, key, s.range);
    case ParamType::Activation:
      return o.get_enum(key, Activation::Identity, &parse_activation, names_of(all_activations()));
    case ParamType::Init:
      return read_init(o, key);
    case ParamType::Shape:
      return read_shape(o, key);
  }
  o.fail(key, "unknown parameter type");
}

LayerParams read_params(const JsonObject& o, NodeKind kind) {
  LayerParams p;
  for (const auto& s : layer_descriptor(kind).params) {
    if (o.has(s.key))
      set_param(s, p, read_value(o, s));
    else if (s.when_missing)
      s.when_missing(p);
  }
  return p;
}

}  // namespace

json network_to_json(const NetworkSpec& network) {
  json nodes = json::array();
  for (const auto& n : network.nodes) {
    json node = json::object();
    node["id"] = n.id;
    node["kind"] = to_string(n.kind);
    node["name"] = n.name;
    node["params"] = params_to_json(n.kind, n.params);
    node["position"] = json::array({n.x, n.y});
    nodes.push_back(node);
  }
  json edges = json::array();
  for (const auto& e : network.edges)
    edges.push_back({{"id", e.id}, {"from", e.from}, {"to", e.to}, {"port", e.to_port}});
  return {{"nodes", nodes}, {"edges", edges}};
}

NetworkSpec read_network(const JsonObject& parent, const char* key) {
  const JsonObject net = parent.child(key, {"nodes", "edges"});
  NetworkSpec spec;
  std::set<int> ids;
  std::set<std::string> names;
  if (net.has("nodes")) {
    const json& arr = net.raw("nodes");
    if (!arr.is_array()) net.fail("nodes", "expected an array of nodes, got " + describe(arr));
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string path = net.path_of("nodes") + "[" + std::to_string(i) + "]";
      const JsonObject o(arr[i], net.origin(), path, {"id", "kind", "name", "params", "position"});
      if (!o.has("id")) o.fail_here("missing key 'id' (a unique integer)");
      if (!o.has("kind")) o.fail_here("missing key 'kind' (e.g. \"Linear\")");
      NodeSpec n;
      n.id = static_cast<int>(o.get_int("id", 0, 0, 1000000000));
      if (!ids.insert(n.id).second)
        o.fail("id", "another node already has id " + std::to_string(n.id));
      n.kind = o.get_enum("kind", n.kind, &parse_node_kind, names_of(all_node_kinds()));
      n.name = o.get_string("name", "");
      static const json kNoParams = json::object();
      n.params = read_params(o.has("params") ? o.child("params", param_keys(n.kind))
                                             : JsonObject(kNoParams, o.origin(),
                                                          o.path_of("params"), param_keys(n.kind)),
                             n.kind);
      if (o.has("position")) {
        const json& pos = o.raw("position");
        if (!pos.is_array() || pos.size() != 2 || !pos[0].is_number() || !pos[1].is_number())
          o.fail("position", "expected [x, y], got " + describe(pos));
        n.x = pos[0].get<double>();
        n.y = pos[1].get<double>();
      }
      spec.nodes.push_back(n);
    }
    // Nameless nodes get the editor's default names; names prefix parameters so must be unique.
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
      NodeSpec& n = spec.nodes[i];
      if (n.name.empty()) n.name = spec.unique_name(n.kind);
      if (!names.insert(n.name).second)
        throw Error(net.origin() + ": " + net.path_of("nodes") + "[" + std::to_string(i) +
                    "].name: another node is already named '" + n.name +
                    "' (names must be unique: they prefix parameter names)");
    }
  }
  if (net.has("edges")) {
    const json& arr = net.raw("edges");
    if (!arr.is_array()) net.fail("edges", "expected an array of edges, got " + describe(arr));
    std::set<int> edge_ids;
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string path = net.path_of("edges") + "[" + std::to_string(i) + "]";
      const JsonObject o(arr[i], net.origin(), path, {"id", "from", "to", "port"});
      EdgeSpec e;
      e.id = static_cast<int>(o.get_int("id", spec.next_edge_id(), 0, 1000000000));
      if (!edge_ids.insert(e.id).second)
        o.fail("id", "another edge already has id " + std::to_string(e.id));
      if (!o.has("from") || !o.has("to")) o.fail_here("an edge needs 'from' and 'to' node ids");
      e.from = static_cast<int>(o.get_int("from", 0, 0, 1000000000));
      e.to = static_cast<int>(o.get_int("to", 0, 0, 1000000000));
      e.to_port = static_cast<int>(o.get_int("port", 0, 0, 1000));
      if (!ids.count(e.from)) o.fail("from", "no node has id " + std::to_string(e.from));
      if (!ids.count(e.to)) o.fail("to", "no node has id " + std::to_string(e.to));
      spec.edges.push_back(e);
    }
  }
  return spec;
}

}  // namespace bp::io
