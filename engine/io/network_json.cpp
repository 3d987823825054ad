// The "network" section: nodes with kind-specific params (PyTorch names), edges, positions.
#include <map>
#include <set>

#include "engine/core/error.h"
#include "engine/graph/names.h"
#include "engine/io/project_parts.h"

namespace bp::io {
namespace {

template <class E>
std::vector<std::string> names_of(const std::vector<E>& all) {
  std::vector<std::string> out;
  for (E e : all) out.push_back(to_string(e));
  return out;
}

std::vector<std::string> fan_mode_names() {
  return {"fan_in", "fan_out"};
}
std::vector<std::string> nonlinearity_names() {
  return {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu"};
}

// ---- InitSpec: {"kind": "kaiming_normal", "a", "mode", "nonlinearity"} ----

std::vector<std::string> init_keys(InitKind kind) {
  switch (kind) {
    case InitKind::Constant:
      return {"kind", "value"};
    case InitKind::Uniform:
      return {"kind", "a", "b"};
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
  s.mode = o.get_enum("mode", s.mode, &parse_fan_mode, fan_mode_names());
  s.nonlinearity =
      o.get_enum("nonlinearity", s.nonlinearity, &parse_nonlinearity, nonlinearity_names());
  return s;
}

// ---- Layer params ----

const std::vector<std::string> kActKeys{"activation", "negative_slope", "alpha", "beta",
                                        "threshold"};

std::vector<std::string> param_keys(NodeKind kind) {
  auto with_act = [](std::vector<std::string> keys) {
    keys.insert(keys.end(), kActKeys.begin(), kActKeys.end());
    return keys;
  };
  switch (kind) {
    case NodeKind::Input:
      return {"input_shape"};
    case NodeKind::Linear:
      return with_act({"out_features", "bias", "weight_init", "bias_init", "drop_connect"});
    case NodeKind::Activation:
      return kActKeys;
    case NodeKind::PReLU:
      return {"num_parameters", "init"};
    case NodeKind::Maxout:
      return {"pool_size"};
    case NodeKind::Softmax:
    case NodeKind::Add:
    case NodeKind::Concat:
    case NodeKind::Flatten:
      return {};
    case NodeKind::Dropout:
    case NodeKind::GaussianDropout:
    case NodeKind::Dropout2d:
      return {"p"};
    case NodeKind::BatchNorm1d:
    case NodeKind::BatchNorm2d:
      return {"eps", "momentum", "affine"};
    case NodeKind::LayerNorm:
      return {"eps", "affine"};
    case NodeKind::Conv2d:
      return {"out_channels", "kernel_size", "stride",      "padding",
              "dilation",     "bias",        "weight_init", "bias_init"};
    case NodeKind::LocallyConnected2d:
      return {"out_channels", "kernel_size", "stride",   "padding",
              "bias",         "weight_init", "bias_init"};
    case NodeKind::MaxPool2d:
      return {"kernel_size", "stride", "padding"};  // the engine pools without dilation
    case NodeKind::AvgPool2d:
      return {"kernel_size", "stride", "padding", "count_include_pad"};
    case NodeKind::AdaptiveAvgPool2d:
      return {"output_size"};
  }
  return {};
}

bool is_pool(NodeKind kind) {
  return kind == NodeKind::MaxPool2d || kind == NodeKind::AvgPool2d;
}

json pair_json(const std::array<int, 2>& v) {
  return json::array({v[0], v[1]});
}

std::array<int, 2> read_pair(const JsonObject& o, const char* key, std::array<int, 2> fallback,
                             int min) {
  if (!o.has(key)) return fallback;
  const json& v = o.raw(key);
  if (v.is_number_integer()) {
    const int x = static_cast<int>(o.get_int(key, 0, min, 100000));
    return {x, x};
  }
  const auto a = o.get_int_array(key, {});
  if (a.size() != 2) o.fail(key, "expected an integer or a pair [h, w], got " + describe(v));
  for (int64_t x : a)
    if (x < min || x > 100000)
      o.fail(key, "the value " + std::to_string(x) + " is out of range (minimum " +
                      std::to_string(min) + ")");
  return {static_cast<int>(a[0]), static_cast<int>(a[1])};
}

json params_to_json(NodeKind kind, const LayerParams& p) {
  const LayerParams d;
  json j = json::object();
  for (const auto& k : param_keys(kind)) {
    if (k == "input_shape") {
      json dims = json::array();
      for (int i = 0; i < p.input_shape.rank(); ++i) dims.push_back(p.input_shape[i]);
      j[k] = dims;
    }
    if (k == "out_features") j[k] = p.out_features;
    if (k == "out_channels") j[k] = p.out_channels;
    if (k == "bias") j[k] = p.bias;
    if (k == "activation") j[k] = to_string(p.activation);
    // Activation parameters: written when the function uses them or they were changed.
    const Activation f = p.activation;
    if (k == "negative_slope" &&
        (f == Activation::LeakyReLU || p.act.negative_slope != d.act.negative_slope))
      j[k] = float_value(p.act.negative_slope);
    if (k == "alpha" && (f == Activation::ELU || p.act.alpha != d.act.alpha))
      j[k] = float_value(p.act.alpha);
    if (k == "beta" && (f == Activation::Softplus || p.act.beta != d.act.beta))
      j[k] = float_value(p.act.beta);
    if (k == "threshold" && (f == Activation::Softplus || p.act.threshold != d.act.threshold))
      j[k] = float_value(p.act.threshold);
    if (k == "weight_init" && p.weight_init != d.weight_init) j[k] = init_to_json(p.weight_init);
    if (k == "bias_init" && p.bias_init != d.bias_init) j[k] = init_to_json(p.bias_init);
    if (k == "drop_connect" && p.drop_connect != 0.0f) j[k] = float_value(p.drop_connect);
    if (k == "kernel_size") j[k] = pair_json(p.kernel);
    if (k == "stride") j[k] = pair_json(p.stride);
    if (k == "padding") j[k] = pair_json(p.padding);
    if (k == "dilation") j[k] = pair_json(p.dilation);
    if (k == "count_include_pad") j[k] = p.count_include_pad;
    if (k == "output_size") j[k] = pair_json(p.output_size);
    if (k == "pool_size") j[k] = p.pool_size;
    if (k == "num_parameters") j[k] = p.num_parameters;
    if (k == "init") j[k] = float_value(p.prelu_init);
    if (k == "p") j[k] = float_value(p.p);
    if (k == "eps") j[k] = float_value(p.eps);
    if (k == "momentum") j[k] = float_value(p.momentum);
    if (k == "affine") j[k] = p.affine;
  }
  return j;
}

LayerParams read_params(const JsonObject& o, NodeKind kind) {
  LayerParams p;
  if (o.has("input_shape")) {
    const auto dims = o.get_int_array("input_shape", {});
    if (dims.empty() || dims.size() > 3)
      o.fail("input_shape", "expected 1 to 3 dimensions, e.g. [2] or [1, 28, 28]");
    for (int64_t d : dims)
      if (d <= 0 || d > 1000000)
        o.fail("input_shape",
               "the dimension " + std::to_string(d) +
                   (d <= 0 ? " must be positive" : " is too large (at most 1000000)"));
    p.input_shape = dims.size() == 1   ? Shape{dims[0]}
                    : dims.size() == 2 ? Shape{dims[0], dims[1]}
                                       : Shape{dims[0], dims[1], dims[2]};
  }
  p.out_features = o.get_int("out_features", p.out_features, 1, 100000000);
  p.out_channels = o.get_int("out_channels", p.out_channels, 1, 100000);
  p.bias = o.get_bool("bias", p.bias);
  p.activation =
      o.get_enum("activation", p.activation, &parse_activation, names_of(all_activations()));
  p.act.negative_slope = o.get_float("negative_slope", p.act.negative_slope);
  p.act.alpha = o.get_float("alpha", p.act.alpha);
  p.act.beta = o.get_float("beta", p.act.beta);
  p.act.threshold = o.get_float("threshold", p.act.threshold);
  if (o.has("weight_init")) p.weight_init = read_init(o, "weight_init");
  if (o.has("bias_init")) p.bias_init = read_init(o, "bias_init");
  p.drop_connect = o.get_float("drop_connect", p.drop_connect);
  p.kernel = read_pair(o, "kernel_size", p.kernel, 1);
  // PyTorch's pools default the stride to the kernel size.
  p.stride = read_pair(o, "stride", is_pool(kind) ? p.kernel : p.stride, 1);
  p.padding = read_pair(o, "padding", p.padding, 0);
  p.dilation = read_pair(o, "dilation", p.dilation, 1);
  p.count_include_pad = o.get_bool("count_include_pad", p.count_include_pad);
  p.output_size = read_pair(o, "output_size", p.output_size, 1);
  p.pool_size = static_cast<int>(o.get_int("pool_size", p.pool_size, 1, 1000));
  p.num_parameters = o.get_int("num_parameters", p.num_parameters, 1, 1000000);
  p.prelu_init = o.get_float("init", p.prelu_init);
  p.p = o.get_float("p", p.p);
  if (p.p < 0.0f || p.p >= 1.0f) o.fail("p", "the drop probability must be in [0, 1)");
  p.eps = o.get_float("eps", p.eps);
  p.momentum = o.get_float("momentum", p.momentum);
  p.affine = o.get_bool("affine", p.affine);
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
      if (o.has("params")) {
        n.params = read_params(o.child("params", param_keys(n.kind)), n.kind);
      } else if (n.kind == NodeKind::MaxPool2d || n.kind == NodeKind::AvgPool2d) {
        n.params.stride = n.params.kernel;
      }
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
