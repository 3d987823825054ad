#include "engine/train/health/health_watch.h"

namespace bp {

HealthWatch::HealthWatch(Model& model, const DatasetSplits& data, LossKind loss, int64_t start_step)
    : model_(model), insight_(model, data, loss) {
  insight_.gradients(model_, start_step, false);  // the reference weights
}

std::vector<HealthFinding> HealthWatch::observe(Trainer& trainer, const StepResult& last) {
  gradients_ = insight_.gradients(model_, trainer.global_step(), false);
  const auto activity = insight_.activity(model_, trainer.global_step(), nullptr);
  HealthObservation o;
  o.step = trainer.global_step();
  o.epoch = trainer.epoch();
  o.network = &model_.spec();
  // A non-finite step restored the weights: its gradients say nothing about them.
  o.gradients = last.finite ? gradients_.get() : nullptr;
  o.activity = activity.get();
  o.history = &trainer.history();
  o.finite = last.finite;
  o.diverged = last.diverged;
  o.loss = last.loss;
  return monitor_.observe(o);
}

}  // namespace bp
