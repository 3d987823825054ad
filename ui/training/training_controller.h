#pragma once
// TrainingController: the GUI-thread side of training. It copies an immutable job out of the
// ProjectDocument, owns a QThread with a TrainingWorker, forwards commands to it as queued calls
// and turns the worker's results into signals for the views. When a run pauses or stops, the
// weights are written back to the document (setCheckpoint: weights and training state). Points
// added by clicking the plane (and their undo) go to the worker as the run goes on; other document
// edits end the run.
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <vector>

#include "engine/backend/backend.h"
#include "ui/training/training_snapshot.h"
#include "ui/training/training_worker.h"

namespace bp::ui {

class ProjectDocument;

class TrainingController : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Running, Paused, Finished, Failed };
  Q_ENUM(State)

  explicit TrainingController(ProjectDocument* doc, QObject* parent = nullptr);
  // Stops the run, quits and waits for the thread: closing mid-training exits cleanly.
  ~TrainingController() override;

  State state() const { return state_; }
  bool isActive() const { return state_ == State::Running || state_ == State::Paused; }
  const std::vector<EpochRecord>& history() const { return history_; }
  SnapshotPtr lastSnapshot() const { return last_; }
  BackendKind backendKind() const { return backend_; }
  void setBackendKind(BackendKind kind) { backend_ = kind; }
  QString lastMessage() const { return message_; }
  // While a run is active: puts its latest checkpoint (weights + training state, mapped onto
  // the project's network) into `project` and returns true. For autosave: nothing pauses.
  bool fillLiveCheckpoint(Project& project) const;
  const Pace& pace() const { return pace_; }

 public slots:
  // Idle/Finished/Failed: builds a job from the document (continuing from its weights) and runs.
  // Paused: resumes.
  void start();
  void pause();
  void resume();
  // Ends the run; the weights go back to the document; state Idle.
  void stop();
  void stepBatch();
  void stepEpoch();
  // Re-initialises the weights from the seed (identical every time), clears the history and the
  // document's weights, and shows the fresh model (state Idle).
  void reset();
  void setLearningRate(float lr);
  // What the visible views want computed inside the network; sent to the worker when it changes.
  void setInsights(const InsightRequest& request);
  // Rewind: the document's checkpoint becomes these weights and this state (an earlier snapshot),
  // and the worker is prepared from it, paused: Play continues from there (a branch).
  void rewindTo(const WeightMap& weights, const std::shared_ptr<const TrainState>& state);
  // How fast runs step (also the one going on).
  void setPace(const bp::ui::Pace& pace);
  // Builds the model from the document without training, to show the data and the initial
  // boundary (only when Idle/Finished/Failed).
  void preview();

 signals:
  void stateChanged(bp::ui::TrainingController::State state);
  void snapshotReady(bp::ui::SnapshotPtr snapshot);
  void epochFinished(bp::EpochRecord record);
  // The curves start over (reset, or a new run from fresh weights).
  void historyCleared();
  void failed(QString message);
  // A preview (the model built without training, while the user is still building) could not
  // be built: a hint for the builder, not a failed run. State Failed, as with failed().
  void previewFailed(QString message);
  // The previewed model was built: an earlier previewFailed no longer applies.
  void previewSucceeded();
  void diverged(QString message);
  // What of a saved checkpoint could not be kept when a run was built (weights of another
  // network, optimizer state that does not fit): for the message area.
  void notes(QString text);
  // Something a user should read in the status bar ("Training stopped: ...").
  void message(QString text);

 private:
  void setState(State s);
  TrainingJob makeJob() const;
  void ensureThread();
  // `preview`: the job only shows the model (a failure is a hint for the builder). Refuses a
  // network that does not fit this machine's memory (memory_estimate.h) before building it.
  void prepareJob(bool run, bool preview = false);
  void onPrepared(const SnapshotPtr& snapshot, const QString& notes);
  // `state` with the epoch records up to its epoch (snapshots leave them out).
  TrainState withHistory(TrainState state) const;
  // Hands the snapshot's weights and training state to the document.
  void keepCheckpoint(const SnapshotPtr& snapshot);
  void onSnapshot(const SnapshotPtr& snapshot);
  void onEpoch(EpochRecord record);
  void onEnded(TrainingWorker::EndReason reason, const SnapshotPtr& snapshot, const QString& text);
  void onFailed(const QString& text);
  void onDocumentEdited(const QString& what);
  template <typename F>
  void post(F&& f);

  ProjectDocument* doc_;
  QThread thread_;
  TrainingWorker* worker_ = nullptr;
  std::atomic<bool> abort_{false};
  std::atomic<int> in_flight_{0};
  State state_ = State::Idle;
  bool prepared_ = false;  // the worker holds a built run
  InsightRequest insights_;
  // Between a new job / reset and the worker's prepared(): results of the old run still in the
  // queue are dropped (they must not reach the curves or the document).
  bool awaiting_prepared_ = false;
  // The prepared job is a preview (preview(): nothing asked to train yet).
  bool previewing_ = false;
  // stop() ended an active run: the worker's final checkpoint goes to the document too.
  bool keep_stopped_ = false;
  BackendKind backend_ = BackendKind::Cpu;
  // Library default: as fast as possible; the studio applies its pace choice (default_pace()).
  Pace pace_{PaceMode::Unlimited, 0};
  NetworkSpec job_network_;  // the network of the prepared run
  TrainConfig job_config_;
  DatasetSpec job_dataset_;      // the dataset of the prepared run (with the points sent since)
  DatasetSpec trained_dataset_;  // the dataset the document's weights were last trained on
  std::vector<EpochRecord> history_;
  int64_t last_step_ = 0;
  SnapshotPtr last_;
  QString message_;
  int64_t memory_available_ = -1;  // bytes a run may use (-1: this machine's physical memory)

 public:
  // Tests: pretend the machine has `bytes` of memory (0: no limit).
  void setMemoryAvailableForTesting(int64_t bytes) { memory_available_ = bytes; }
};

}  // namespace bp::ui

Q_DECLARE_METATYPE(bp::ui::TrainingController::State)
