#include "engine/graph/model.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/graph/shape_inference.h"
#include "engine/init/initializers.h"
#include "engine/nn/layer_factory.h"

namespace bp {

struct Model::Node {
  NodeSpec spec;
  std::unique_ptr<Layer> layer;  // null for the Input node
  std::vector<Node*> inputs;     // producers, port order
  std::vector<Shape> in_shapes;  // per sample
  Shape out_shape;               // per sample
  int consumers = 0;
  bool needs_grad = false;      // dL/d(this output) is needed (a trainable ancestor, or saliency)
  std::vector<size_t> entries;  // indices into params_.entries()

  Tensor out_storage, out;                   // (capacity, ...) and the (batch, ...) view
  Tensor grad_storage, grad;                 // dL/d out
  bool grad_written = false;                 // within one backward
  std::vector<Tensor> port_scratch_storage;  // per input port, for summing fan-out gradients
  std::vector<Tensor> port_scratch;          // (batch, ...) views of the above
  std::vector<Tensor> in_views;              // reused argument vector
  std::vector<Tensor*> din_ptrs;             // reused argument vector
};

Model::Model(const NetworkSpec& spec, Backend& backend, uint64_t seed)
    : spec_(spec), backend_(&backend), seed_(seed) {
  ShapeReport report = infer_shapes(spec_);
  if (!report.ok()) {
    std::string msg = "the network is not valid:";
    for (const auto& d : report.diagnostics) {
      const NodeSpec* n = spec_.find(d.node_id);
      msg += "\n  " + (n ? n->name + ": " : std::string()) + d.message;
    }
    throw Error(msg);
  }
  std::vector<int> order = spec_.topological_order();
  std::vector<ParamEntry> entries;
  for (int id : order) {
    auto node = std::make_unique<Node>();
    node->spec = *spec_.find(id);
    node->out_shape = *report.nodes[id].output;
    for (int p : spec_.inputs_of(id)) {
      node->inputs.push_back(by_id_.at(p));
      node->in_shapes.push_back(by_id_.at(p)->out_shape);
      by_id_.at(p)->consumers++;
    }
    if (node->spec.kind == NodeKind::Input) {
      input_ = node.get();
    } else {
      node->layer = make_layer(node->spec);
      for (auto& d : node->layer->parameters(node->in_shapes)) {
        node->entries.push_back(entries.size());
        entries.push_back({node->spec.name + "." + d.name, id, d, 0, node->spec.kind});
      }
    }
    node->port_scratch_storage.resize(node->inputs.size());
    node->port_scratch.resize(node->inputs.size());
    node->in_views.resize(node->inputs.size());
    node->din_ptrs.resize(node->inputs.size());
    by_id_[id] = node.get();
    order_.push_back(std::move(node));
  }
  output_ = by_id_.at(*spec_.output_node());
  // needs_grad: a node's output gradient matters if it or an ancestor has trainable parameters.
  for (auto& n : order_) {
    bool has_params = false;
    for (size_t i : n->entries) has_params |= entries[i].decl.trainable;
    bool upstream = false;
    for (Node* p : n->inputs) upstream |= p->needs_grad;
    n->needs_grad = has_params || upstream;
  }
  params_.allocate(backend, std::move(entries));
  for (auto& n : order_) {
    if (!n->layer) continue;
    std::vector<Tensor> values, grads;
    for (size_t i : n->entries) {
      values.push_back(params_.value(params_.entries()[i]));
      grads.push_back(params_.grad(params_.entries()[i]));
    }
    n->layer->bind(values, grads);
  }
  reset_parameters(seed);
}

Model::~Model() = default;

Shape Model::input_shape() const {
  return input_->out_shape;
}
Shape Model::output_shape() const {
  return output_->out_shape;
}

void Model::reset_parameters(uint64_t seed) {
  seed_ = seed;
  Rng base(seed);
  const auto& entries = params_.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const ParamEntry& e = entries[i];
    Rng rng = base.fork(i + 1);
    std::vector<float> host(static_cast<size_t>(e.decl.shape.numel()));
    initialize(host, e.decl.shape, e.decl.init, e.decl.fan_in, e.decl.fan_out, rng);
    Tensor t = params_.value(e);
    backend_->memory().upload(host.data(), t);
  }
  zero_grad();
}

void Model::ensure_batch(int64_t batch) {
  if (batch > capacity_) {
    const int64_t cap = std::max(batch, capacity_ * 2);
    for (auto& n : order_) {
      if (n.get() != input_)
        n->out_storage = backend_->memory().empty(n->out_shape.with_batch(cap));
      if (n->needs_grad || n.get() == output_ || (n.get() == input_ && keep_input_grad_))
        n->grad_storage = backend_->memory().empty(n->out_shape.with_batch(cap));
      else  // e.g. an input gradient kept earlier and not wanted now: backward re-creates it
        n->grad_storage = n->grad = Tensor();
      for (size_t k = 0; k < n->inputs.size(); ++k)
        if (n->inputs[k]->consumers > 1 || n->inputs.size() > 1)
          n->port_scratch_storage[k] =
              backend_->memory().empty(n->inputs[k]->out_shape.with_batch(cap));
      if (n->layer) n->layer->reserve(*backend_, n->in_shapes, cap);
    }
    capacity_ = cap;
    batch_ = -1;  // views must be re-taken from the new storage
  }
  if (batch != batch_) {
    for (auto& n : order_) {
      if (n.get() != input_) n->out = n->out_storage.narrow_batch(0, batch);
      if (n->grad_storage.defined()) n->grad = n->grad_storage.narrow_batch(0, batch);
      for (size_t k = 0; k < n->inputs.size(); ++k)
        if (n->port_scratch_storage[k].defined())
          n->port_scratch[k] = n->port_scratch_storage[k].narrow_batch(0, batch);
    }
    batch_ = batch;
  }
}

const Tensor& Model::forward(const Tensor& x, Mode mode) {
  if (x.shape().rank() < 1 || x.shape().without_batch() != input_->out_shape)
    throw Error("input batch " + x.shape().to_string() + " does not match the network's input " +
                input_->out_shape.to_string() + " per sample");
  mode_ = mode;
  ensure_batch(x.dim(0));
  input_->out = x;
  for (auto& n : order_) {
    if (!n->layer) continue;
    for (size_t k = 0; k < n->inputs.size(); ++k) n->in_views[k] = n->inputs[k]->out;
    ForwardContext ctx{*backend_, mode, seed_, counter_, n->spec.id};
    n->layer->forward(ctx, n->in_views, n->out);
  }
  return output_->out;
}

void Model::backward(const Tensor& grad_output) {
  if (grad_output.numel() != output_->out.numel())
    throw Error("backward: gradient " + grad_output.shape().to_string() +
                " does not match output " + output_->out.shape().to_string());
  if (keep_input_grad_ && !input_->grad_storage.defined()) {
    // enabled after allocation: grow once
    input_->grad_storage = backend_->memory().empty(input_->out_shape.with_batch(capacity_));
    input_->grad = input_->grad_storage.narrow_batch(0, batch_);
  }
  for (auto& n : order_) n->grad_written = false;
  Tensor& og = output_->grad;
  backend_->memory().copy(grad_output, og);
  output_->grad_written = true;
  for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
    Node& n = **it;
    if (!n.layer || !n.grad_written) continue;
    bool work = !n.entries.empty();
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      Node* p = n.inputs[k];
      n.din_ptrs[k] = nullptr;
      if (!(p->needs_grad || (p == input_ && keep_input_grad_))) continue;
      work = true;
      bool port_shared = false;
      for (size_t j = 0; j < k; ++j) port_shared |= n.inputs[j] == p;
      // The first gradient into a producer overwrites its buffer; later ones go to a scratch
      // and are summed in (fan-out, e.g. a skip connection).
      n.din_ptrs[k] = (!p->grad_written && !port_shared) ? &p->grad : &n.port_scratch[k];
    }
    if (!work) continue;
    for (size_t k = 0; k < n.inputs.size(); ++k) n.in_views[k] = n.inputs[k]->out;
    ForwardContext ctx{*backend_, mode_, seed_, counter_, n.spec.id};
    n.layer->backward(ctx, n.in_views, n.out, n.grad, n.din_ptrs);
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      Node* p = n.inputs[k];
      if (!n.din_ptrs[k]) continue;
      if (n.din_ptrs[k] == &p->grad)
        p->grad_written = true;
      else
        backend_->memory().axpy(1.0f, n.port_scratch[k], p->grad);
    }
  }
}

void Model::zero_grad() {
  backend_->memory().fill(params_.grads(), 0.0f);
}

const Tensor& Model::activation(int node_id) const {
  return by_id_.at(node_id)->out;
}

const Tensor& Model::output_grad(int node_id) const {
  const Node* n = by_id_.at(node_id);
  if (!n->grad.defined() || !n->grad_written)
    throw Error("no gradient was computed for the output of " + n->spec.name);
  return n->grad;
}

const Tensor& Model::input_grad() const {
  return input_->grad;
}

}  // namespace bp
