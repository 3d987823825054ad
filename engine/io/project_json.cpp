// Project <-> JSON (format version 1, docs/project-format.md): the top level and the weights.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "engine/core/error.h"
#include "engine/graph/shape_inference.h"
#include "engine/io/atomic_write.h"
#include "engine/io/project.h"
#include "engine/io/project_parts.h"
#include "engine/io/train_state_json.h"
#include "engine/nn/layer_factory.h"

namespace bp {
namespace {

using io::json;
using io::JsonObject;

constexpr const char* kFormatName = "backprop-studio-project";

std::string shape_text(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

std::vector<int64_t> dims_of(const Shape& s) {
  std::vector<int64_t> d;
  for (int i = 0; i < s.rank(); ++i) d.push_back(s[i]);
  return d;
}

json weights_to_json(const Project& p) {
  const auto shapes = parameter_shapes(p.network);
  json j = json::object();
  for (const auto& [name, values] : p.weights) {
    std::vector<int64_t> dims{static_cast<int64_t>(values.size())};
    auto it = shapes.find(name);
    if (it != shapes.end() && it->second.numel() == static_cast<int64_t>(values.size()))
      dims = dims_of(it->second);
    json data = json::array();
    for (size_t i = 0; i < values.size(); ++i) {
      if (!std::isfinite(values[i]))
        throw Error("cannot save weights: " + name + "[" + std::to_string(i) +
                    "] is not a finite number (the training diverged)");
      data.push_back(io::float_value(values[i]));
    }
    j[name] = {{"shape", dims}, {"data", data}};
  }
  return j;
}

std::map<std::string, std::vector<float>> read_weights(const JsonObject& parent, const char* key,
                                                       const NetworkSpec& network) {
  const json& w = parent.raw(key);
  if (!w.is_object())
    parent.fail(key, "expected an object of named tensors, got " + io::describe(w));
  const auto expected = parameter_shapes(network);
  std::map<std::string, std::vector<float>> out;
  for (auto it = w.begin(); it != w.end(); ++it) {
    const std::string path = parent.path_of(key) + "." + it.key();
    const JsonObject t(it.value(), parent.origin(), path, {"shape", "data"});
    if (!t.has("shape") || !t.has("data")) t.fail_here("a tensor needs 'shape' and 'data'");
    const auto dims = t.get_int_array("shape", {});
    int64_t numel = 1;
    for (int64_t d : dims) {
      if (d <= 0 || d > 1000000000)
        t.fail("shape", "the dimension " + std::to_string(d) +
                            (d <= 0 ? " must be positive" : " is too large (at most 1000000000)"));
      numel *= d;
    }
    const json& data = t.raw("data");
    if (!data.is_array()) t.fail("data", "expected an array of numbers, got " + io::describe(data));
    if (static_cast<int64_t>(data.size()) != numel)
      t.fail_here("size mismatch: shape " + shape_text(dims) + " needs " + std::to_string(numel) +
                  " values, 'data' has " + std::to_string(data.size()));
    if (!expected.empty()) {
      auto e = expected.find(it.key());
      if (e == expected.end())
        t.fail_here("the network has no parameter named '" + it.key() +
                    "' (names are <node name>.<parameter>, e.g. fc1.weight)");
      if (dims_of(e->second) != dims)
        t.fail_here("size mismatch: shape " + shape_text(dims) + " does not match the network's " +
                    shape_text(dims_of(e->second)) +
                    " (PyTorch layouts: a Linear weight is [out_features, in_features])");
    }
    std::vector<float> values(data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      const std::string problem = io::float_range_problem(data[i]);
      if (!problem.empty()) t.fail("data", "element " + std::to_string(i) + ": " + problem);
      values[i] = static_cast<float>(data[i].get<double>());
    }
    out[it.key()] = std::move(values);
  }
  return out;
}

}  // namespace

std::map<std::string, Shape> parameter_shapes(const NetworkSpec& network) {
  std::map<std::string, Shape> out;
  const ShapeReport report = infer_shapes(network);
  if (!report.ok()) return {};
  try {
    for (const auto& node : network.nodes) {
      if (node.kind == NodeKind::Input) continue;
      std::vector<Shape> inputs;
      for (int p : network.inputs_of(node.id)) inputs.push_back(*report.nodes.at(p).output);
      const auto layer = make_layer(node);
      for (const auto& decl : layer->parameters(inputs))
        out[node.name + "." + decl.name] = decl.shape;
    }
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

std::string project_to_json(const Project& p) {
  json j = json::object();
  j["format"] = kFormatName;
  j["version"] = kProjectFormatVersion;
  j["name"] = p.name;
  j["description"] = p.description;
  j["network"] = io::network_to_json(p.network);
  j["training"] = io::training_to_json(p.training);
  j["dataset"] = io::dataset_to_json(p.dataset);
  if (p.expected_test_accuracy != 0.0) j["expected_test_accuracy"] = p.expected_test_accuracy;
  if (p.expected_test_loss != 0.0) j["expected_test_loss"] = p.expected_test_loss;
  if (!p.weights.empty()) j["weights"] = weights_to_json(p);
  if (!p.weights.empty() && p.training_state)
    j["training_state"] = io::train_state_to_json(*p.training_state);
  return io::to_pretty_json(j);
}

Project parse_project(const std::string& json_text, const std::string& origin) {
  const json root = io::parse_json_text(json_text, origin);
  if (!root.is_object())
    throw Error(origin +
                ": not a Backprop Studio project (expected a JSON object with \"format\": \"" +
                std::string(kFormatName) + "\", got " + io::describe(root) + ")");
  const JsonObject o(root, origin, "",
                     {"format", "version", "name", "description", "network", "training", "dataset",
                      "weights", "training_state", "expected_test_accuracy", "expected_test_loss"});
  if (!o.has("format") || o.get_string("format", "") != kFormatName)
    throw Error(origin + ": not a Backprop Studio project (expected \"format\": \"" +
                std::string(kFormatName) + "\")");
  if (!o.has("version")) o.fail_here("missing key 'version' (this build reads version 1)");
  const int64_t version = o.get_int("version", 0);
  if (version != kProjectFormatVersion)
    o.fail("version", "unsupported format version " + std::to_string(version) +
                          (version > kProjectFormatVersion
                               ? " (written by a newer Backprop Studio; this build reads version 1)"
                               : " (this build reads version 1)"));
  Project p;
  p.name = o.get_string("name", "");
  p.description = o.get_string("description", "");
  if (o.has("network")) p.network = io::read_network(o, "network");
  if (o.has("training")) p.training = io::read_training(o, "training");
  if (o.has("dataset")) p.dataset = io::read_dataset(o, "dataset");
  p.expected_test_accuracy = o.get_double("expected_test_accuracy", 0.0);
  p.expected_test_loss = o.get_double("expected_test_loss", 0.0);
  if (o.has("weights")) p.weights = read_weights(o, "weights", p.network);
  if (o.has("training_state")) {
    if (p.weights.empty())
      o.fail("training_state", "a training state needs the weights it belongs to ('weights')");
    p.training_state = io::read_train_state(o, "training_state");
  }
  return p;
}

Project read_project(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("cannot open project '" + path + "': it is a folder, not a .json project file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot open project '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw Error("cannot read project '" + path + "'");
  Project project = parse_project(text.str(), path);
  io::resolve_dataset_path(project.dataset, path);
  return project;
}

void write_project(const Project& project, const std::string& path) {
  atomic_write_file(path, project_to_json(project));
}

}  // namespace bp
