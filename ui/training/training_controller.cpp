#include "ui/training/training_controller.h"

#include <QMetaObject>
#include <utility>

#include "ui/document/project_document.h"
#include "ui/training/memory_estimate.h"

namespace bp::ui {

TrainingController::TrainingController(ProjectDocument* doc, QObject* parent)
    : QObject(parent), doc_(doc), trained_dataset_(doc->datasetSpec()) {
  qRegisterMetaType<SnapshotPtr>("bp::ui::SnapshotPtr");
  qRegisterMetaType<EpochRecord>("bp::EpochRecord");
  qRegisterMetaType<TrainingWorker::EndReason>("bp::ui::TrainingWorker::EndReason");
  qRegisterMetaType<State>("bp::ui::TrainingController::State");

  thread_.setObjectName(QStringLiteral("training"));
  worker_ = new TrainingWorker(&abort_, &in_flight_);
  worker_->moveToThread(&thread_);
  connect(worker_, &TrainingWorker::prepared, this, &TrainingController::onPrepared);
  connect(worker_, &TrainingWorker::snapshotReady, this, &TrainingController::onSnapshot);
  connect(worker_, &TrainingWorker::epochFinished, this, &TrainingController::onEpoch);
  connect(worker_, &TrainingWorker::ended, this, &TrainingController::onEnded);
  connect(worker_, &TrainingWorker::failed, this, &TrainingController::onFailed);
  thread_.start();

  connect(doc_, &ProjectDocument::networkChanged, this, [this] {
    // Renaming or moving layers leaves the run as it is (its weights follow the new names).
    if (prepared_ && same_structure(doc_->network(), job_network_, true)) return;
    onDocumentEdited(tr("the network changed"));
  });
  connect(doc_, &ProjectDocument::datasetSpecChanged, this, [this] {
    // Points added by clicking the plane (or taken back by undo) join the run as it goes, like
    // a live demo; any other dataset edit needs a new run.
    DatasetSpec now = doc_->datasetSpec();
    now.extra_points = job_dataset_.extra_points;
    if (prepared_ && now == job_dataset_) {
      job_dataset_ = doc_->datasetSpec();
      post([w = worker_, spec = job_dataset_] { w->setDataset(spec); });
      return;
    }
    onDocumentEdited(tr("the dataset changed"));
  });
  connect(doc_, &ProjectDocument::trainConfigChanged, this, [this] {
    // A learning-rate edit applies live; anything else needs a new run.
    TrainConfig now = doc_->trainConfig();
    now.optimizer.lr = job_config_.optimizer.lr;
    if (prepared_ && now == job_config_) {
      job_config_.optimizer.lr = doc_->trainConfig().optimizer.lr;
      setLearningRate(job_config_.optimizer.lr);
      return;
    }
    onDocumentEdited(tr("the training settings changed"));
  });
  connect(doc_, &ProjectDocument::documentReset, this, [this] {
    onDocumentEdited(tr("another project was opened"));
    // Nothing of the old project's run (its final snapshot, its weights) may reach the new one.
    awaiting_prepared_ = true;
    history_.clear();
    last_step_ = 0;
    trained_dataset_ = doc_->datasetSpec();
    emit historyCleared();
  });
}

TrainingController::~TrainingController() {
  abort_.store(true);
  thread_.quit();
  thread_.wait();
  delete worker_;
}

template <typename F>
void TrainingController::post(F&& f) {
  QMetaObject::invokeMethod(worker_, std::forward<F>(f), Qt::QueuedConnection);
}

void TrainingController::setState(State s) {
  if (s == state_) return;
  state_ = s;
  emit stateChanged(s);
}

TrainingJob TrainingController::makeJob() const {
  TrainingJob job;
  job.project = doc_->project();
  job.backend = backend_;
  return job;
}

TrainState TrainingController::withHistory(TrainState state) const {
  // Snapshots carry the state without its epoch records; the controller has them all.
  if (state.history.empty())
    for (const EpochRecord& rec : history_)
      if (rec.epoch <= state.epoch) state.history.push_back(rec);
  return state;
}

bool TrainingController::fillLiveCheckpoint(Project& project) const {
  if (!isActive() || !last_ || !last_->train_state || last_->weights.empty()) return false;
  WeightMap weights = last_->weights;
  std::optional<TrainState> state = withHistory(*last_->train_state);
  rename_checkpoint(job_network_, project.network, weights, state);
  if (!checkpoint_fits(project.network, weights)) return false;
  project.weights = std::move(weights);
  project.training_state = std::move(state);
  return true;
}

void TrainingController::keepCheckpoint(const SnapshotPtr& snapshot) {
  if (!snapshot) return;
  std::optional<TrainState> state;
  if (snapshot->train_state) state = withHistory(*snapshot->train_state);
  doc_->setCheckpoint(job_network_, snapshot->weights, std::move(state));
  trained_dataset_ = job_dataset_;
}

void TrainingController::prepareJob(bool run, bool preview) {
  previewing_ = preview;
  const int64_t available = memory_available_ >= 0 ? memory_available_ : physical_memory_bytes();
  if (const QString refusal = memory_refusal(doc_->project(), available); !refusal.isEmpty()) {
    if (prepared_) post([w = worker_] { w->stop(); });
    prepared_ = false;
    onFailed(refusal);
    return;
  }
  // Another dataset (other than points added by clicking) is another experiment: the weights
  // and the optimizer go on, the curves start anew.
  DatasetSpec now = doc_->datasetSpec(), before = trained_dataset_;
  now.extra_points.clear();
  before.extra_points.clear();
  if (!(now == before)) {
    doc_->startNewHistory();
    trained_dataset_ = doc_->datasetSpec();
  }
  // The curves show the history of the weights the run continues; the run sends it back.
  if (!history_.empty()) {
    history_.clear();
    last_step_ = 0;
    emit historyCleared();
  }
  TrainingJob job = makeJob();
  job_network_ = job.project.network;
  job_config_ = job.project.training;
  job_dataset_ = job.project.dataset;
  prepared_ = true;
  awaiting_prepared_ = true;
  abort_.store(false);
  post([w = worker_, job = std::move(job), run] { w->prepare(job, run); });
}

void TrainingController::start() {
  switch (state_) {
    case State::Running:
      return;
    case State::Paused:
      resume();
      return;
    case State::Idle:
      if (prepared_) {
        post([w = worker_] { w->run(); });
        setState(State::Running);
        return;
      }
      break;
    case State::Finished:
    case State::Failed:
      break;
  }
  message_.clear();
  prepareJob(true);
  if (!prepared_) return;  // refused (memory)
  setState(State::Running);
}

void TrainingController::pause() {
  if (state_ != State::Running) return;
  post([w = worker_] { w->pause(); });
  setState(State::Paused);
}

void TrainingController::resume() {
  if (state_ != State::Paused || !prepared_) return;
  post([w = worker_] { w->run(); });
  setState(State::Running);
}

void TrainingController::stop() {
  // The latest checkpoint goes back now (the worker's final one follows), so Play continues.
  if (isActive()) keepCheckpoint(last_);
  keep_stopped_ = isActive();  // the worker's final checkpoint follows; a preview's does not
  if (prepared_) post([w = worker_] { w->stop(); });
  prepared_ = false;
  setState(State::Idle);
}

void TrainingController::stepBatch() {
  if (state_ == State::Running) pause();
  if (!prepared_ || state_ == State::Finished || state_ == State::Failed) prepareJob(false);
  if (!prepared_) return;
  post([w = worker_] { w->stepBatch(); });
  setState(State::Paused);
}

void TrainingController::stepEpoch() {
  if (state_ == State::Running) return;
  if (!prepared_ || state_ == State::Finished || state_ == State::Failed) prepareJob(false);
  if (!prepared_) return;
  post([w = worker_] { w->stepEpoch(); });
  setState(State::Running);
}

void TrainingController::reset() {
  history_.clear();
  last_step_ = 0;
  emit historyCleared();
  doc_->clearWeights();
  message_.clear();
  if (prepared_ && state_ != State::Failed) {
    awaiting_prepared_ = true;
    post([w = worker_] { w->reset(); });
  } else {
    prepareJob(false);
    if (!prepared_) return;  // refused (memory)
  }
  setState(State::Idle);
}

void TrainingController::setLearningRate(float lr) {
  if (prepared_) post([w = worker_, lr] { w->setLearningRate(lr); });
}

void TrainingController::setInsights(const InsightRequest& request) {
  if (request == insights_) return;
  insights_ = request;
  post([w = worker_, request] { w->setInsights(request); });
}

void TrainingController::rewindTo(const WeightMap& weights,
                                  const std::shared_ptr<const TrainState>& state) {
  if (weights.empty()) return;
  std::optional<TrainState> s;
  if (state) s = withHistory(*state);
  doc_->setCheckpoint(job_network_.nodes.empty() ? doc_->network() : job_network_, weights,
                      std::move(s));
  // Preparing anew also drops the old run's final snapshot (awaiting_prepared_), which would
  // otherwise become the checkpoint again.
  prepareJob(false);
  setState(State::Idle);
  message_ = tr("Rewound to step %1: press Play to continue from there.")
                 .arg(state ? static_cast<qlonglong>(state->step) : 0);
  emit message(message_);
}

void TrainingController::setPace(const Pace& pace) {
  pace_ = pace;
  post([w = worker_, pace] { w->setPace(pace); });
}

void TrainingController::preview() {
  if (state_ == State::Running || state_ == State::Paused) return;
  prepareJob(false, true);
  if (prepared_) setState(State::Idle);
}

void TrainingController::onPrepared(const SnapshotPtr& snapshot, const QString& notes) {
  awaiting_prepared_ = false;
  last_ = snapshot;
  last_step_ = snapshot->step;
  // The history the run continues (empty for fresh weights).
  if (!history_.empty()) emit historyCleared();
  history_ = snapshot->epochs;
  for (const EpochRecord& rec : history_) emit epochFinished(rec);
  emit snapshotReady(snapshot);
  if (previewing_) emit previewSucceeded();
  if (!notes.isEmpty()) {
    message_ = notes;
    emit message(notes);
    emit this->notes(notes);
  }
}

void TrainingController::onSnapshot(const SnapshotPtr& snapshot) {
  in_flight_.fetch_sub(1);
  if (awaiting_prepared_) return;
  last_ = snapshot;
  last_step_ = snapshot->step;
  emit snapshotReady(snapshot);
}

void TrainingController::onEpoch(EpochRecord record) {
  if (awaiting_prepared_) return;
  history_.push_back(record);
  emit epochFinished(record);
}

void TrainingController::onEnded(TrainingWorker::EndReason reason, const SnapshotPtr& snapshot,
                                 const QString& text) {
  if (awaiting_prepared_) return;
  last_ = snapshot;
  last_step_ = snapshot->step;
  emit snapshotReady(snapshot);
  // A stopped preview (or a run already kept when an edit stopped it) leaves the document's
  // weights alone: only trained weights are kept.
  if (reason != TrainingWorker::EndReason::Stopped || std::exchange(keep_stopped_, false))
    keepCheckpoint(snapshot);
  switch (reason) {
    case TrainingWorker::EndReason::Finished:
    case TrainingWorker::EndReason::EarlyStopped:
      message_ =
          text.isEmpty() ? tr("Training finished after %1 epochs.").arg(snapshot->epoch) : text;
      emit message(message_);
      if (prepared_) setState(State::Finished);
      break;
    case TrainingWorker::EndReason::Paused:
      if (prepared_ && state_ == State::Running) setState(State::Paused);
      break;
    case TrainingWorker::EndReason::Stopped:
      break;
    case TrainingWorker::EndReason::Diverged:
      message_ = text;
      if (prepared_) setState(State::Paused);
      emit diverged(text);
      emit message(text);
      break;
  }
}

void TrainingController::onFailed(const QString& text) {
  awaiting_prepared_ = false;
  prepared_ = false;
  message_ = text;
  setState(State::Failed);
  if (std::exchange(previewing_, false)) {
    emit previewFailed(text);
    return;
  }
  emit failed(text);
  emit message(tr("Training failed: %1").arg(text));
}

void TrainingController::onDocumentEdited(const QString& what) {
  if (!prepared_) return;
  const bool was_active = isActive();
  if (was_active) keepCheckpoint(last_);
  keep_stopped_ = false;
  post([w = worker_] { w->stop(); });
  prepared_ = false;
  if (was_active) {
    message_ = tr("Training stopped: %1. Press Play to train again.").arg(what);
    emit message(message_);
  }
  setState(State::Idle);
}

}  // namespace bp::ui

// The moc output stays in this object file, so linking a view does not pull in the trainer.
#include "moc_training_controller.cpp"  // NOLINT(bugprone-suspicious-include): moc in this object
