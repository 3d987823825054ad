#include "ui/training/training_worker.h"

#include <QMetaObject>
#include <QStringList>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <exception>

#include "engine/core/error.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/confusion_builder.h"
#include "engine/train/snapshot/curve_builder.h"
#include "engine/train/snapshot/insight_session.h"
#include "engine/train/snapshot/latent_builder.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"
#include "ui/training/backend_factory.h"

namespace bp::ui {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSlice = std::chrono::milliseconds(15);
// Just under a 30 Hz frame, so slices waking every 15-16 ms keep the views at >= 30 fps.
constexpr auto kSnapshotInterval = std::chrono::milliseconds(30);

QString divergence_text(const QString& detail, int64_t step, int epoch) {
  return QStringLiteral(
             "Training diverged at step %1 (epoch %2)%3. "
             "Training is paused and the last weights are kept. Try a lower "
             "learning rate (for example a tenth of it), gradient clipping (clip_grad_norm 1.0), "
             "or normalising the inputs (Standardize in the dataset panel, or a BatchNorm layer).")
      .arg(step)
      .arg(epoch)
      .arg(detail.isEmpty() ? QString() : QStringLiteral(": %1").arg(detail));
}

}  // namespace

TrainingWorker::TrainingWorker(std::atomic<bool>* abort, std::atomic<int>* snapshots_in_flight)
    : abort_(abort), in_flight_(snapshots_in_flight) {
  pending_losses_.reserve(1 << 14);
}

TrainingWorker::~TrainingWorker() {
  release();
}

bool TrainingWorker::ready() const {
  return trainer_ != nullptr;
}

int64_t TrainingWorker::trainSize() const {
  return data_ ? data_->train.size() : 0;
}

void TrainingWorker::release() {
  running_ = false;
  until_epoch_end_ = false;
  trainer_.reset();
  builder_.reset();
  insights_.reset();
  confusion_.reset();
  latent_.reset();
  curve_.reset();
  model_.reset();
  backend_.reset();
}

void TrainingWorker::prepare(const TrainingJob& job, bool run_after) {
  try {
    release();
    job_ = job;
    const DatasetSpec& spec = job_.project.dataset;
    if (!data_ || !(loaded_spec_ == spec)) {
      data_.reset();
      data_ = std::make_shared<const DatasetSplits>(load_dataset(spec));
      loaded_spec_ = spec;
    }
    if (data_->train.size() == 0)
      throw Error("The training split is empty: raise the sample count or the train fraction.");
    const TrainConfig& cfg = job_.project.training;
    backend_ = make_backend(job_.backend, cfg.threads);
    model_ = std::make_unique<Model>(job_.project.network, *backend_, cfg.seed);
    QStringList notes;
    bool weights_loaded = false;
    if (!job_.project.weights.empty()) {
      try {
        model_->params().from_host(*backend_, job_.project.weights);
        weights_loaded = true;
      } catch (const Error& e) {
        // Weights of another network: start from the seed, and say so.
        model_->reset_parameters(cfg.seed);
        notes << QStringLiteral(
                     "The saved weights do not fit this network (%1); it starts from "
                     "the seed's initial weights.")
                     .arg(QString::fromStdString(e.what()));
      }
    }
    builder_ = std::make_unique<SnapshotBuilder>(*model_, spec, *data_, cfg.loss);
    confusion_ = std::make_unique<ConfusionBuilder>(*model_, *data_, cfg.loss);
    latent_ = std::make_unique<LatentBuilder>(*model_, *data_);
    curve_ = std::make_unique<CurveBuilder>(*model_, *data_);
    if (builder_->hasPlane() || curve_->enabled()) {
      // Grow the model's activations to the grid's batch before the trainer sees the model.
      TrainingSnapshot warmup;
      builder_->fillPlane(*model_, warmup);
      curve_->fill(*model_, warmup);
    }
    trainer_ = std::make_unique<Trainer>(*model_, *data_, cfg);
    trainer_->set_augmentation(spec);  // jitter / shifts / rotations / noise, as set
    if (weights_loaded && job_.project.training_state) {
      for (const std::string& note : trainer_->load_state(*job_.project.training_state))
        notes << QString::fromStdString(note);
    }
    insights_ =
        std::make_unique<InsightSession>(*model_, *data_, cfg.loss, trainer_->global_step());
    history_seen_ = trainer_->history().size();
    pending_losses_.clear();
    pending_epochs_ = trainer_->history();
    samples_per_second_ = 0.0;
    emit prepared(makeSnapshot(), notes.join(QLatin1Char(' ')));
    if (run_after) run();
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
  }
}

void TrainingWorker::run() {
  if (!ready()) return;
  // Play after the run reached its last epoch (or stopped early) trains that many epochs more,
  // from the weights and state it has.
  if (trainer_->epoch() >= trainer_->target_epoch() || trainer_->stopped_early())
    trainer_->continue_for(job_.project.training.epochs);
  running_ = true;
  until_epoch_end_ = false;
  rate_start_ = Clock::now();
  rate_samples_ = 0;
  run_start_ = rate_start_;
  run_samples_ = 0;
  samples_per_second_ = 0.0;
  gate_.start(pace_, rate_start_);
  queueSlice(std::chrono::milliseconds(0));
}

void TrainingWorker::setPace(const Pace& pace) {
  pace_ = pace;
  const auto now = Clock::now();
  gate_.start(pace_, now);
  if (running_) {
    // The rate of the new pace starts a new window.
    updateRate(true);
    rate_start_ = now;
    rate_samples_ = 0;
    run_start_ = now;
    run_samples_ = 0;
  }
}

void TrainingWorker::queueSlice(std::chrono::milliseconds delay) {
  if (slice_queued_) return;
  slice_queued_ = true;
  if (delay.count() <= 0)
    QMetaObject::invokeMethod(this, &TrainingWorker::slice, Qt::QueuedConnection);
  else
    QTimer::singleShot(delay, Qt::PreciseTimer, this, &TrainingWorker::slice);
}

int64_t TrainingWorker::samplesPerStep() const {
  const TrainConfig& cfg = job_.project.training;
  if (cfg.trainer == TrainerKind::Perceptron || cfg.optimizer.kind == OptimizerKind::LBFGS)
    return trainSize();
  return std::min<int64_t>(std::max(1, cfg.batch_size), trainSize());
}

void TrainingWorker::updateRate(bool final) {
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - rate_start_).count();
  // A one-second window; at the end of a run a shorter last window counts too (it is the only
  // one of a short run).
  if (elapsed >= 1.0 || (final && rate_samples_ > 0 && elapsed >= 0.05)) {
    samples_per_second_ = static_cast<double>(rate_samples_) / elapsed;
    rate_start_ = now;
    rate_samples_ = 0;
  }
}

void TrainingWorker::pause() {
  if (!ready()) return;
  end(EndReason::Paused, QString());
}

void TrainingWorker::stop() {
  if (ready()) end(EndReason::Stopped, QString());
  release();
}

void TrainingWorker::stepBatch() {
  if (!ready()) return;
  running_ = false;
  until_epoch_end_ = false;
  try {
    const StepResult r = trainer_->step();
    if (pending_losses_.empty()) pending_first_step_ = r.step;
    pending_losses_.push_back(static_cast<float>(r.loss));
    if (!r.finite || r.diverged) {
      if (r.epoch_finished) collectEpochs();
      end(EndReason::Diverged,
          divergence_text(QString::fromStdString(trainer_->divergence_message()), r.step, r.epoch));
      return;
    }
    if (r.epoch_finished) collectEpochs();
    end(EndReason::Paused, QString());
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
  }
}

void TrainingWorker::stepEpoch() {
  if (!ready()) return;
  run();
  until_epoch_end_ = true;
}

void TrainingWorker::reset() {
  if (!ready()) return;
  try {
    running_ = false;
    until_epoch_end_ = false;
    trainer_->reset();  // the seed's initial weights and a fresh optimizer, schedule and counters
    job_.project.weights.clear();
    job_.project.training_state.reset();
    insights_ = std::make_unique<InsightSession>(*model_, *data_, job_.project.training.loss, 0);
    history_seen_ = trainer_->history().size();
    pending_losses_.clear();
    pending_epochs_.clear();
    samples_per_second_ = 0.0;
    emit prepared(makeSnapshot(), QString());
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
  }
}

void TrainingWorker::setLearningRate(float lr) {
  if (ready()) trainer_->set_lr(lr);
}

void TrainingWorker::setDataset(const DatasetSpec& spec) {
  if (!ready()) return;
  try {
    auto data = std::make_shared<const DatasetSplits>(load_dataset(spec));
    const bool epoch_ended = trainer_->replace_data(*data);
    data_ = std::move(data);  // the trainer no longer reads the old splits
    loaded_spec_ = spec;
    job_.project.dataset = spec;
    const LossKind loss = job_.project.training.loss;
    builder_ = std::make_unique<SnapshotBuilder>(*model_, spec, *data_, loss);
    insights_ = std::make_unique<InsightSession>(*model_, *data_, loss, trainer_->global_step());
    confusion_ = std::make_unique<ConfusionBuilder>(*model_, *data_, loss);
    latent_ = std::make_unique<LatentBuilder>(*model_, *data_);
    curve_ = std::make_unique<CurveBuilder>(*model_, *data_);
    if (epoch_ended) {
      if (running_) {
        if (endAfterEpoch()) return;
      } else {
        collectEpochs();
      }
    }
    // A running worker shows the new points with its next slice; otherwise show them now.
    if (!running_) emitSnapshot(true);
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
  }
}

void TrainingWorker::collectEpochs() {
  const auto& h = trainer_->history();
  for (; history_seen_ < h.size(); ++history_seen_) {
    const EpochRecord& rec = h[history_seen_];
    pending_epochs_.push_back(rec);
    emit epochFinished(rec);
  }
}

bool TrainingWorker::endAfterEpoch() {
  collectEpochs();
  if (trainer_->stopped_early()) {
    end(EndReason::EarlyStopped,
        QStringLiteral("Early stopping: the validation loss stopped improving."));
    return true;
  }
  if (trainer_->epoch() >= trainer_->target_epoch()) {
    end(EndReason::Finished, QString());
    return true;
  }
  if (until_epoch_end_) {
    end(EndReason::Paused, QString());
    return true;
  }
  return false;
}

void TrainingWorker::slice() {
  slice_queued_ = false;
  if (!running_ || !ready() || abort_->load()) return;
  const auto t0 = Clock::now();
  const int64_t per_step = samplesPerStep();
  int64_t budget = gate_.allowed(t0);
  int64_t taken = 0;
  try {
    while (budget > 0 && Clock::now() - t0 < kSlice && !abort_->load()) {
      const StepResult r = trainer_->step();
      ++taken;
      --budget;
      gate_.taken(1);
      if (!r.finite || r.diverged) {
        if (r.epoch_finished) collectEpochs();
        end(EndReason::Diverged,
            divergence_text(QString::fromStdString(trainer_->divergence_message()), r.step,
                            r.epoch));
        return;
      }
      if (pending_losses_.empty()) pending_first_step_ = r.step;
      pending_losses_.push_back(static_cast<float>(r.loss));
      rate_samples_ += per_step;
      run_samples_ += per_step;
      if (r.epoch_finished && endAfterEpoch()) return;
    }
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
    return;
  }
  updateRate(false);
  // One step per frame: every frame shows exactly the one step it took.
  if (gate_.pace().mode != PaceMode::OneStepPerFrame)
    emitSnapshot(false);
  else if (taken > 0)
    emitSnapshot(true);
  if (!abort_->load()) queueSlice(gate_.wait(Clock::now()));
}

void TrainingWorker::emitSnapshot(bool force) {
  const auto now = Clock::now();
  if (!force && (now - last_snapshot_ < kSnapshotInterval || in_flight_->load() >= 2)) return;
  last_snapshot_ = now;
  in_flight_->fetch_add(1);
  emit snapshotReady(makeSnapshot());
}

SnapshotPtr TrainingWorker::makeSnapshot() {
  auto s = std::make_shared<TrainingSnapshot>();
  s->step = trainer_->global_step();
  s->epoch = trainer_->epoch();
  const int64_t bs = std::max(1, job_.project.training.batch_size);
  s->steps_per_epoch = std::max<int64_t>(1, (trainSize() + bs - 1) / bs);
  s->lr = trainer_->lr();
  if (samples_per_second_ <= 0.0 && rate_samples_ > 0) {
    // The first second of a run: the rate so far.
    const double elapsed = std::chrono::duration<double>(Clock::now() - rate_start_).count();
    if (elapsed > 0.05) s->samples_per_second = static_cast<double>(rate_samples_) / elapsed;
  } else {
    s->samples_per_second = samples_per_second_;
  }
  s->step_losses.assign(pending_losses_.begin(), pending_losses_.end());
  s->first_loss_step = pending_first_step_;
  pending_losses_.clear();
  s->epochs.swap(pending_epochs_);
  pending_epochs_.clear();
  s->weights = model_->params().to_host(*backend_);
  // Without the epoch records: the controller keeps them (epochFinished) and adds them when it
  // keeps a checkpoint; copying a long history 30 times a second would cost more than training.
  s->train_state = std::make_shared<const TrainState>(trainer_->state(false));
  // Before the feature maps' saliency pass: the insights read the last step's gradients.
  insights_->fill(*model_, *trainer_, insight_request_, !running_, *s);
  s->points = builder_->points();
  s->images = builder_->images();
  builder_->fillPlane(*model_, *s);
  s->grid.loss = job_.project.training.loss;
  builder_->fillFeatureMaps(*model_, *s);
  curve_->fill(*model_, *s);
  // Fresh after every epoch and whenever the run is not going on, else about once a second.
  s->confusion = confusion_->matrix(*model_, s->step, !s->epochs.empty() || !running_);
  s->latent = latent_->codes(*model_, s->step, !s->epochs.empty() || !running_);
  s->backend = backend_->description();
  return s;
}

void TrainingWorker::end(EndReason reason, const QString& message) {
  if (running_) {
    // The finished run's rate is its whole average (samples / duration), not its last
    // one-second window, which a busy machine can skew either way.
    const double elapsed = std::chrono::duration<double>(Clock::now() - run_start_).count();
    if (run_samples_ > 0 && elapsed >= 0.05)
      samples_per_second_ = static_cast<double>(run_samples_) / elapsed;
    else
      updateRate(true);
    rate_start_ = Clock::now();
    rate_samples_ = 0;
  }
  running_ = false;
  until_epoch_end_ = false;
  emit ended(reason, makeSnapshot(), message);
}

}  // namespace bp::ui

// The moc output stays in this object file, so linking a view does not pull in the trainer.
#include "moc_training_worker.cpp"  // NOLINT(bugprone-suspicious-include): moc in this object
