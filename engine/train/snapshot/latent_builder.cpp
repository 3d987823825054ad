#include "engine/train/snapshot/latent_builder.h"

#include <algorithm>

namespace bp {

int LatentBuilder::bottleneck_node(const Model& model) {
  const NetworkSpec& spec = model.spec();
  const std::vector<int> order = spec.topological_order();
  if (order.empty()) return -1;
  for (int id : order) {
    const NodeSpec* n = spec.find(id);
    if (id != order.back() && n && n->kind == NodeKind::Linear && n->params.out_features == 2)
      return id;
  }
  return -1;
}

LatentBuilder::LatentBuilder(Model& model, const DatasetSplits& data) {
  const Dataset& ds = data.validation.size() > 0 ? data.validation : data.test;
  if (ds.size() == 0 || !(ds.sample_shape == model.input_shape())) return;
  node_ = bottleneck_node(model);
  if (node_ < 0) return;
  const int64_t n = std::min(kMaxSamples, ds.size());
  const int64_t numel = ds.sample_shape.numel();
  std::vector<float> host(static_cast<size_t>(n * numel));
  for (int64_t i = 0; i < n; ++i) {
    std::copy_n(ds.sample(i), numel, host.data() + i * numel);
    template_.labels.push_back(
        ds.task == TaskKind::Classification ? static_cast<int>(ds.target(i)[0]) : -1);
  }
  template_.node_id = node_;
  template_.name = model.spec().find(node_)->name;
  template_.num_classes = ds.task == TaskKind::Classification ? ds.num_classes : 0;
  template_.class_names = ds.class_names;
  x_ = model.backend().memory().empty(ds.sample_shape.with_batch(n));
  model.backend().memory().upload(host.data(), x_);
}

std::shared_ptr<const LatentCodes> LatentBuilder::codes(Model& model, int64_t step, bool force) {
  if (!enabled()) return nullptr;
  const auto now = std::chrono::steady_clock::now();
  if (last_ && !force && now - last_time_ < kInterval) return last_;
  auto c = std::make_shared<LatentCodes>(template_);
  c->step = step;
  model.forward(x_, Mode::Eval);
  const Tensor& code = model.activation(node_);  // (n, 2)
  c->xy.resize(static_cast<size_t>(code.numel()));
  model.backend().memory().download(code, c->xy.data());
  last_ = c;
  last_time_ = now;
  return last_;
}

}  // namespace bp
