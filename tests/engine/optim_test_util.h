#pragma once
// Shared helpers of the optimizer tests: fixture loading and hand-built parameter stores.
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/graph/parameter_store.h"
#include "engine/optim/optimizer.h"

namespace bp::test {

inline nlohmann::json load_fixture(const std::string& name) {
  const std::string path = std::string(BP_SOURCE_DIR) + "/tests/reference/fixtures/" + name;
  std::ifstream in(path);
  if (!in) throw Error("cannot open fixture " + path);
  return nlohmann::json::parse(in);
}

inline OptimizerKind optimizer_kind(const std::string& s) {
  if (s == "SGD") return OptimizerKind::SGD;
  if (s == "Adagrad") return OptimizerKind::Adagrad;
  if (s == "Adadelta") return OptimizerKind::Adadelta;
  if (s == "RMSprop") return OptimizerKind::RMSprop;
  if (s == "Adam") return OptimizerKind::Adam;
  if (s == "AdamW") return OptimizerKind::AdamW;
  if (s == "NAdam") return OptimizerKind::NAdam;
  throw Error("unknown optimizer " + s);
}

// torch's defaults for `kind` overridden by the fixture's keyword arguments.
inline OptimizerConfig optimizer_config(const std::string& kind, const nlohmann::json& cfg) {
  OptimizerConfig c = default_optimizer_config(optimizer_kind(kind));
  for (const auto& [k, v] : cfg.items()) {
    if (k == "lr")
      c.lr = v.get<float>();
    else if (k == "weight_decay")
      c.weight_decay = v.get<float>();
    else if (k == "momentum")
      c.momentum = v.get<float>();
    else if (k == "dampening")
      c.dampening = v.get<float>();
    else if (k == "nesterov")
      c.nesterov = v.get<bool>();
    else if (k == "beta1")
      c.beta1 = v.get<float>();
    else if (k == "beta2")
      c.beta2 = v.get<float>();
    else if (k == "eps")
      c.eps = v.get<float>();
    else if (k == "amsgrad")
      c.amsgrad = v.get<bool>();
    else if (k == "momentum_decay")
      c.momentum_decay = v.get<float>();
    else if (k == "lr_decay")
      c.lr_decay = v.get<float>();
    else if (k == "initial_accumulator_value")
      c.initial_accumulator_value = v.get<float>();
    else if (k == "rho")
      c.rho = v.get<float>();
    else if (k == "alpha")
      c.alpha = v.get<float>();
    else if (k == "centered")
      c.centered = v.get<bool>();
    else
      throw Error("fixture key not mapped: " + k);
  }
  return c;
}

// A store with the given (name, shape, node kind) trainable entries, values zero.
struct EntrySpec {
  std::string name;  // full name "fc1.weight"; the local name is the part after the last '.'
  Shape shape;
  NodeKind kind = NodeKind::Linear;
  bool trainable = true;
};

inline ParameterStore make_store(Backend& backend, const std::vector<EntrySpec>& specs) {
  std::vector<ParamEntry> entries;
  int node = 1;
  for (const auto& s : specs) {
    ParamEntry e;
    e.name = s.name;
    e.node_id = node++;
    e.decl.name = s.name.substr(s.name.rfind('.') + 1);
    e.decl.shape = s.shape;
    e.decl.trainable = s.trainable;
    e.node_kind = s.kind;
    entries.push_back(e);
  }
  ParameterStore store;
  store.allocate(backend, std::move(entries));
  return store;
}

// |a - b| <= rtol |b| + atol
inline bool close(double a, double b, double rtol, double atol) {
  return std::fabs(a - b) <= rtol * std::fabs(b) + atol;
}

}  // namespace bp::test
