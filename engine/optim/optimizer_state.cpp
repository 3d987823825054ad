#include "engine/optim/optimizer_state.h"

namespace bp {

std::vector<StateParam> state_layout_of(const ParameterStore& params) {
  std::vector<StateParam> out;
  for (const auto& e : params.entries())
    if (e.decl.trainable) out.push_back({e.name, e.decl.shape.numel()});
  return out;
}

std::vector<float> download_vector(Backend& backend, const Tensor& t) {
  std::vector<float> host(static_cast<size_t>(t.numel()));
  if (!host.empty()) backend.memory().download(t, host.data());
  return host;
}

Tensor upload_vector(Backend& backend, const std::vector<float>& values) {
  Tensor t = backend.memory().empty({static_cast<int64_t>(values.size())});
  if (!values.empty()) backend.memory().upload(values.data(), t);
  return t;
}

}  // namespace bp
