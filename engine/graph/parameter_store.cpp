#include "engine/graph/parameter_store.h"

#include "engine/core/error.h"

namespace bp {

void ParameterStore::allocate(Backend& backend, std::vector<ParamEntry> entries) {
  int64_t p = 0, b = 0;
  for (auto& e : entries) {
    const int64_t n = e.decl.shape.numel();
    if (e.decl.trainable) {
      e.offset = p;
      p += n;
    } else {
      e.offset = b;
      b += n;
    }
  }
  entries_ = std::move(entries);
  values_ = backend.memory().empty({p});
  grads_ = backend.memory().empty({p});
  buffers_ = backend.memory().empty({b});
}

const ParamEntry* ParameterStore::find(const std::string& name) const {
  for (const auto& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

Tensor ParameterStore::value(const ParamEntry& e) const {
  return e.decl.trainable ? values_.slice_flat(e.offset, e.decl.shape)
                          : buffers_.slice_flat(e.offset, e.decl.shape);
}

Tensor ParameterStore::grad(const ParamEntry& e) const {
  return e.decl.trainable ? grads_.slice_flat(e.offset, e.decl.shape) : Tensor();
}

std::map<std::string, std::vector<float>> ParameterStore::to_host(Backend& backend) const {
  std::map<std::string, std::vector<float>> out;
  for (const auto& e : entries_) {
    std::vector<float> v(static_cast<size_t>(e.decl.shape.numel()));
    backend.memory().download(value(e), v.data());
    out[e.name] = std::move(v);
  }
  return out;
}

void ParameterStore::from_host(Backend& backend,
                               const std::map<std::string, std::vector<float>>& values) {
  for (const auto& e : entries_) {
    auto it = values.find(e.name);
    if (it == values.end()) throw Error("weights are missing parameter '" + e.name + "'");
    if (static_cast<int64_t>(it->second.size()) != e.decl.shape.numel())
      throw Error("parameter '" + e.name + "' has " + std::to_string(it->second.size()) +
                  " values, the network needs " + std::to_string(e.decl.shape.numel()) + " " +
                  e.decl.shape.to_string());
    Tensor t = value(e);
    backend.memory().upload(it->second.data(), t);
  }
}

}  // namespace bp
