#include "engine/train/snapshot/insight_builder.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "engine/core/error.h"
#include "engine/train/batch_targets.h"
#include "engine/train/snapshot/class_attribution.h"

namespace bp {
namespace {

const Dataset& held_out(const DatasetSplits& data) {
  if (data.validation.size() > 0) return data.validation;
  if (data.test.size() > 0) return data.test;
  return data.train;
}

double norm2(const float* p, int64_t n) {
  double s = 0.0;
  for (int64_t i = 0; i < n; ++i) s += static_cast<double>(p[i]) * p[i];
  return std::sqrt(s);
}

bool relu_family(Activation a) {
  return a == Activation::ReLU;
}
bool squashing(Activation a) {
  return a == Activation::Sigmoid || a == Activation::Tanh;
}
bool saturated_value(Activation a, float v) {
  if (a == Activation::Sigmoid) return v < 0.01f || v > 0.99f;
  return std::fabs(v) > 0.99f;  // Tanh
}

// The activation function applied at a node's output, Identity when none.
Activation node_activation(const NodeSpec& n) {
  if (n.kind == NodeKind::Activation || n.kind == NodeKind::Linear) return n.params.activation;
  return Activation::Identity;
}

}  // namespace

InsightBuilder::InsightBuilder(Model& model, const DatasetSplits& data, LossKind loss)
    : loss_(loss) {
  const Dataset& ds = held_out(data);
  if (ds.size() == 0 || !(ds.sample_shape == model.input_shape())) return;
  const int64_t per = ds.sample_shape.numel();
  probe_count_ =
      std::min<int64_t>({kProbeSamples, std::max<int64_t>(16, kProbeValues / per), ds.size()});
  std::vector<float> host(static_cast<size_t>(probe_count_ * per));
  for (int64_t i = 0; i < probe_count_; ++i)
    std::copy(ds.sample(i), ds.sample(i) + per, host.begin() + i * per);
  probe_ = model.backend().memory().empty(ds.sample_shape.with_batch(probe_count_));
  model.backend().memory().upload(host.data(), probe_);
  try {
    const TargetLayout layout = choose_target_layout(loss, model.output_shape(), ds);
    std::vector<float> t(static_cast<size_t>(probe_count_ * layout.width));
    for (int64_t i = 0; i < probe_count_; ++i)
      encode_target(layout, ds, i, t.data() + i * layout.width);
    probe_target_ = model.backend().memory().empty(layout.per_sample().with_batch(probe_count_));
    model.backend().memory().upload(t.data(), probe_target_);
    probe_dout_ = model.backend().memory().empty(model.output_shape().with_batch(probe_count_));
    probe_targets_ok_ = true;
  } catch (const Error&) {
    probe_targets_ok_ = false;  // the trainer reports the misfit
  }
  if (ds.sample_shape.rank() == 3)
    image_count_ = static_cast<int>(std::min<int64_t>(kAttributionSamples, probe_count_));
}

void InsightBuilder::download_params(Model& model) {
  ParameterStore& ps = model.params();
  values_.resize(static_cast<size_t>(ps.trainable_count()));
  grads_.resize(static_cast<size_t>(ps.trainable_count()));
  if (ps.trainable_count() == 0) return;
  model.backend().memory().download(ps.values(), values_.data());
  model.backend().memory().download(ps.grads(), grads_.data());
}

std::shared_ptr<const GradientSnapshot> InsightBuilder::gradients(Model& model, int64_t step,
                                                                  bool values) {
  download_params(model);
  auto g = std::make_shared<GradientSnapshot>();
  g->step = step;
  const bool have_previous =
      previous_step_ >= 0 && step > previous_step_ && previous_.size() == values_.size();
  const double steps = have_previous ? static_cast<double>(step - previous_step_) : 1.0;
  bool all_zero = true;
  const ParamEntry* first_w = nullptr;
  const ParamEntry* last_w = nullptr;
  for (const ParamEntry& e : model.params().entries()) {
    if (!e.decl.trainable) continue;
    const int64_t n = e.decl.shape.numel();
    const float* gp = grads_.data() + e.offset;
    const float* wp = values_.data() + e.offset;
    ParamGradient p;
    p.name = e.name;
    p.layer = model.spec().find(e.node_id) ? model.spec().find(e.node_id)->name : e.name;
    p.node_id = e.node_id;
    p.node_kind = e.node_kind;
    for (int i = 0; i < e.decl.shape.rank(); ++i) p.shape.push_back(e.decl.shape[i]);
    p.grad_norm = norm2(gp, n);
    p.weight_norm = norm2(wp, n);
    if (have_previous) {
      double d = 0.0, w = 0.0;
      const float* pp = previous_.data() + e.offset;
      for (int64_t i = 0; i < n; ++i) {
        const double diff = static_cast<double>(wp[i]) - pp[i];
        d += diff * diff;
        w += static_cast<double>(pp[i]) * pp[i];
      }
      p.update_ratio = w > 0.0 ? std::sqrt(d) / std::sqrt(w) / steps : -1.0;
      p.weight_growth = w > 0.0 ? p.weight_norm / std::sqrt(w) : -1.0;
    }
    all_zero &= p.grad_norm == 0.0;
    if (values) p.grad.assign(gp, gp + n);
    if (p.is_weight()) {
      if (!first_w) first_w = &e;
      last_w = &e;
    }
    g->params.push_back(std::move(p));
  }
  auto rms = [&](const ParamEntry* e) {
    if (!e) return 0.0;
    const int64_t n = std::max<int64_t>(1, e->decl.shape.numel());
    return norm2(grads_.data() + e->offset, n) / std::sqrt(static_cast<double>(n));
  };
  g->first_rms = rms(first_w);
  g->last_rms = rms(last_w);
  g->all_zero = all_zero && !g->params.empty();
  previous_ = values_;
  previous_step_ = step;
  return g;
}

std::shared_ptr<const GradientSnapshot> InsightBuilder::probe_gradients(Model& model, int64_t step,
                                                                        const LossParams& params,
                                                                        bool values) {
  if (!probe_targets_ok_) return nullptr;
  model.zero_grad();
  const Tensor& out = model.forward(probe_, Mode::Eval);
  model.backend().dense().loss_forward_backward(loss_, params, out, probe_target_, &probe_dout_);
  model.backward(probe_dout_);
  auto g = gradients(model, step, values);
  model.zero_grad();
  return g;
}

std::vector<LayerHistogram> InsightBuilder::parameter_histograms(Model& model) {
  download_params(model);
  std::vector<LayerHistogram> out;
  for (const ParamEntry& e : model.params().entries()) {
    if (!e.decl.trainable) continue;
    const auto n = static_cast<size_t>(e.decl.shape.numel());
    const auto off = static_cast<size_t>(e.offset);
    out.push_back(
        {e.name, TensorRole::Weight,
         make_histogram(std::span<const float>(values_.data() + off, n), kHistogramBins)});
    out.push_back({e.name, TensorRole::Gradient,
                   make_histogram(std::span<const float>(grads_.data() + off, n), kHistogramBins)});
  }
  return out;
}

std::shared_ptr<const ActivityProbe> InsightBuilder::activity(
    Model& model, int64_t step, std::vector<LayerHistogram>* activations) {
  auto probe = std::make_shared<ActivityProbe>();
  probe->step = step;
  if (probe_count_ == 0) return probe;
  probe->samples = probe_count_;
  model.forward(probe_, Mode::Eval);
  for (int id : model.spec().topological_order()) {
    const NodeSpec* n = model.spec().find(id);
    if (!n || n->kind == NodeKind::Input) continue;
    const Tensor& a = model.activation(id);  // (probe, ...)
    const Activation act = node_activation(*n);
    const bool classify = relu_family(act) || squashing(act);
    if (!classify && !activations) continue;
    scratch_.resize(static_cast<size_t>(a.numel()));
    model.backend().memory().download(a, scratch_.data());
    if (activations)
      activations->push_back(
          {n->name, TensorRole::Activation, make_histogram(scratch_, kHistogramBins)});
    if (!classify) continue;
    // units: features of (N, D), channels of (N, C, H, W)
    const Shape s = a.shape();
    const int64_t units = s.rank() >= 2 ? s[1] : 1;
    const int64_t inner = units > 0 ? a.numel() / (probe_count_ * units) : 0;
    UnitActivity u;
    u.node_id = id;
    u.name = n->name;
    u.activation = act;
    u.units = static_cast<int>(units);
    u.samples = probe_count_;
    u.dead.assign(static_cast<size_t>(units), 0);
    u.saturated.assign(static_cast<size_t>(units), 0);
    int64_t dead = 0, saturated = 0;
    for (int64_t k = 0; k < units; ++k) {
      int64_t active = 0, sat = 0;
      for (int64_t i = 0; i < probe_count_; ++i) {
        const float* p = scratch_.data() + (i * units + k) * inner;
        for (int64_t j = 0; j < inner; ++j) {
          active += p[j] > 0.0f;
          sat += squashing(act) && saturated_value(act, p[j]);
        }
      }
      if (relu_family(act) && active == 0) u.dead[static_cast<size_t>(k)] = 1, ++dead;
      if (squashing(act) && sat * 100 >= 95 * probe_count_ * inner)
        u.saturated[static_cast<size_t>(k)] = 1, ++saturated;
    }
    u.dead_fraction = units ? static_cast<double>(dead) / units : 0.0;
    u.saturated_fraction = units ? static_cast<double>(saturated) / units : 0.0;
    probe->layers.push_back(std::move(u));
  }
  return probe;
}

std::shared_ptr<const ClassAttribution> InsightBuilder::attribution(Model& model,
                                                                    int target_class) {
  if (image_count_ == 0) return nullptr;
  const Tensor x = probe_.narrow_batch(0, image_count_);
  return std::make_shared<const ClassAttribution>(attribute_class(model, x, loss_, target_class));
}

void InsightBuilder::fill(Model& model, int64_t step, const InsightRequest& request,
                          TrainingSnapshot& s) {
  if (request.gradients || request.gradient_values)
    s.gradients = gradients(model, step, request.gradient_values);
  std::shared_ptr<Distributions> d;
  if (request.distributions) {
    d = std::make_shared<Distributions>();
    d->step = step;
    d->layers = parameter_histograms(model);
  }
  if (request.activity || request.distributions)
    s.activity = activity(model, step, d ? &d->layers : nullptr);
  if (d) s.distributions = std::move(d);
  if (request.attribution) s.attribution = attribution(model, request.attribution_class);
}

}  // namespace bp
