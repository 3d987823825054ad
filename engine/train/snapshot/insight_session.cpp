#include "engine/train/snapshot/insight_session.h"

namespace bp {

InsightSession::InsightSession(Model& model, const DatasetSplits& data, LossKind loss,
                               int64_t start_step)
    : builder_(model, data, loss), gradient_step_(start_step) {}

void InsightSession::fill(Model& model, const Trainer& trainer, const InsightRequest& request,
                          bool fresh, TrainingSnapshot& s) {
  const auto now = Clock::now();
  const int64_t step = trainer.global_step();
  const bool stepped = step != gradient_step_;
  const bool insight_due = fresh || now - last_insight_ >= kInsightInterval ||
                           request.attribution_class != attribution_class_;
  const bool health_due = fresh || now - last_health_ >= kHealthInterval;
  const bool want_gradients = request.gradients || request.gradient_values || health_due;
  if (stepped && want_gradients && (insight_due || health_due)) {
    // With values when a heatmap is open; the health monitor needs only the norms.
    gradients_ = builder_.gradients(model, step, request.gradient_values);
    gradient_step_ = step;
    probe_gradients_ = false;
  } else if (!stepped && !gradients_ && insight_due &&
             (request.gradients || request.gradient_values || request.distributions)) {
    // No step yet: the gradients the initialization gives on the probe batch (step 0 spread).
    gradients_ = builder_.probe_gradients(model, step, trainer.config().loss_params,
                                          request.gradient_values || request.distributions);
    probe_gradients_ = true;
  }
  if (insight_due && request.distributions) {
    auto d = std::make_shared<Distributions>();
    d->step = step;
    d->layers = builder_.parameter_histograms(model);
    if (probe_gradients_ && gradients_ && gradient_step_ == step)
      for (LayerHistogram& h : d->layers)  // step 0: the probe's gradients, not the zeros
        if (h.role == TensorRole::Gradient)
          for (const ParamGradient& p : gradients_->params)
            if (p.name == h.name && !p.grad.empty())
              h.histogram = make_histogram(p.grad, InsightBuilder::kHistogramBins);
    activity_ = builder_.activity(model, step, &d->layers);
    distributions_ = std::move(d);
  } else if ((insight_due && request.activity) || health_due) {
    activity_ = builder_.activity(model, step, nullptr);
  }
  if (insight_due && request.attribution && builder_.hasImages()) {
    attribution_ = builder_.attribution(model, request.attribution_class);
    attribution_class_ = request.attribution_class;
  }
  if (insight_due) last_insight_ = now;
  if (health_due) {
    HealthObservation o;
    o.step = step;
    o.epoch = trainer.epoch();
    o.network = &model.spec();
    // The perceptron rule uses no gradients: their absence is not a finding.
    const bool by_gradient = trainer.config().trainer == TrainerKind::Gradient;
    o.gradients =
        by_gradient && gradients_ && gradients_->step == step ? gradients_.get() : nullptr;
    o.activity = activity_.get();
    o.history = &trainer.history();
    o.diverged = !trainer.divergence_message().empty();
    monitor_.observe(o);
    health_ = std::make_shared<const HealthReport>(monitor_.report());
    last_health_ = now;
  }
  if (request.gradients || request.gradient_values) s.gradients = gradients_;
  if (request.distributions) s.distributions = distributions_;
  s.activity = activity_;
  if (request.attribution) s.attribution = attribution_;
  s.health = health_;
}

}  // namespace bp
