#pragma once
// TrainingWorker: lives in the controller's QThread. It owns the run (backend, data, Model,
// Trainer), trains in ~15 ms slices and re-queues itself, so pause / stop / learning-rate
// messages (queued calls from the controller) land between slices. It sends owned snapshots,
// never pointers into live state. Every exception becomes failed(message).
#include <QObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <memory>

#include "engine/backend/backend.h"
#include "engine/io/project.h"
#include "engine/train/snapshot/insight_types.h"  // InsightRequest
#include "ui/training/pace.h"
#include "ui/training/training_snapshot.h"

namespace bp {
class SnapshotBuilder;
class InsightSession;
class ConfusionBuilder;
class LatentBuilder;
class CurveBuilder;
class Model;
class Trainer;
}  // namespace bp

namespace bp::ui {

// An immutable copy of what a run needs: never pointers into the document.
struct TrainingJob {
  // Network, training config, dataset spec, and the checkpoint to continue: weights (may be
  // empty: the seed's initialization) and training state (may be absent: a fresh optimizer).
  Project project;
  BackendKind backend = BackendKind::Cpu;
};

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  enum class EndReason { Finished, EarlyStopped, Paused, Stopped, Diverged };
  Q_ENUM(EndReason)

  explicit TrainingWorker(std::atomic<bool>* abort, std::atomic<int>* snapshots_in_flight);
  ~TrainingWorker() override;

  // --- called through queued invocations from the controller (worker thread) ---
  // Builds the run; emits prepared(snapshot). With `run`, starts training right after.
  void prepare(const TrainingJob& job, bool run);
  void run();
  void pause();
  void stop();
  void stepBatch();
  void stepEpoch();
  // Re-initialises the weights from the seed (identical every time) and all optimizer state.
  void reset();
  void setLearningRate(float lr);
  // How fast a run steps; applies at once, also in the middle of a run.
  void setPace(const bp::ui::Pace& pace);
  // The dataset spec changed only in its added points (DatasetSpec::extra_points): rebuilds the
  // training split from this copy and goes on with the same weights, optimizer state and epoch
  // count (the epoch in progress takes the new points too).
  void setDataset(const DatasetSpec& spec);
  // What the open views want computed inside the network (gradients, histograms, ...).
  void setInsights(const InsightRequest& request) { insight_request_ = request; }

 signals:
  // The run is built; the snapshot's `epochs` hold the whole history it continues, and
  // `notes` what of the saved checkpoint could not be kept (empty: everything was).
  void prepared(bp::ui::SnapshotPtr snapshot, QString notes);
  void snapshotReady(bp::ui::SnapshotPtr snapshot);
  void epochFinished(bp::EpochRecord record);
  // The run stopped stepping; the snapshot holds the weights to keep.
  void ended(bp::ui::TrainingWorker::EndReason reason, bp::ui::SnapshotPtr snapshot,
             QString message);
  void failed(QString message);

 private:
  void slice();
  // Queues the next slice after `delay` (zero: as soon as the event loop is free).
  void queueSlice(std::chrono::milliseconds delay);
  // Samples one step of this run processes (a whole pass for the perceptron rule and L-BFGS).
  int64_t samplesPerStep() const;
  // Folds the samples processed since the last call into the rate shown (samples/s).
  void updateRate(bool final);
  bool ready() const;
  void emitSnapshot(bool force);
  SnapshotPtr makeSnapshot();
  void end(EndReason reason, const QString& message);
  // Sends the epochs the trainer finished since the last call (epochFinished).
  void collectEpochs();
  // After an epoch ended while running: collects it and ends the run where it should stop
  // (early stopping, the last epoch, Step epoch); returns whether it ended.
  bool endAfterEpoch();
  void release();
  int64_t trainSize() const;

  std::atomic<bool>* abort_;
  std::atomic<int>* in_flight_;
  TrainingJob job_;
  DatasetSpec loaded_spec_;
  std::shared_ptr<const DatasetSplits> data_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<Trainer> trainer_;
  std::unique_ptr<SnapshotBuilder> builder_;
  std::unique_ptr<InsightSession> insights_;
  InsightRequest insight_request_;
  std::unique_ptr<ConfusionBuilder> confusion_;
  std::unique_ptr<LatentBuilder> latent_;
  std::unique_ptr<CurveBuilder> curve_;
  bool running_ = false;
  bool until_epoch_end_ = false;
  bool slice_queued_ = false;
  size_t history_seen_ = 0;
  std::vector<float> pending_losses_;
  int64_t pending_first_step_ = 0;
  std::vector<EpochRecord> pending_epochs_;
  std::chrono::steady_clock::time_point last_snapshot_{};
  // The true throughput of the run: samples processed over wall time (idle waits of a slow
  // pace included), over the last second; a new window starts with every run and pace change.
  std::chrono::steady_clock::time_point rate_start_{};
  int64_t rate_samples_ = 0;
  // The whole run at the current pace (from Play, or from the last pace change): what the status
  // bar shows as "Last run" once the run ends.
  std::chrono::steady_clock::time_point run_start_{};
  int64_t run_samples_ = 0;
  double samples_per_second_ = 0.0;
  // Library default: as fast as possible; the studio applies its pace choice (default_pace()).
  Pace pace_{PaceMode::Unlimited, 0};
  PaceGate gate_;
};

}  // namespace bp::ui

Q_DECLARE_METATYPE(bp::ui::TrainingWorker::EndReason)
