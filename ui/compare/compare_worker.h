#pragma once
// CompareWorker: lives in the compare controller's QThread. It owns the comparison (backend,
// data, RunGroup, a snapshot builder per run for 2-D data), steps the runs round-robin in ~15 ms
// slices and re-queues itself, so pause / step / stop land between slices; it sends owned
// snapshots at a bounded rate and computes loss landscapes on request (cancellable through an
// atomic the controller sets). Every exception becomes failed(message).
#include <QObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include "engine/compare/variation.h"
#include "engine/io/project.h"
#include "ui/compare/compare_snapshot.h"

namespace bp {
class SnapshotBuilder;
}

namespace bp::ui {

struct CompareJob {
  Project project;  // network, training config (epochs included), dataset spec
  std::vector<Variation> variations;
  int seeds = 1;
  BackendKind backend = BackendKind::Cpu;
  // true: every run starts from project.weights (the trained network as it is now) instead of
  // its seed's initialization.
  bool from_current_weights = false;
};

class CompareWorker : public QObject {
  Q_OBJECT
 public:
  // `in_flight` counts the snapshots sent and not yet delivered (the controller decrements it).
  CompareWorker(std::atomic<bool>* abort, std::atomic<bool>* cancel_landscape,
                std::atomic<int>* in_flight);
  ~CompareWorker() override;

  // --- queued calls from the controller ---
  void start(const CompareJob& job);
  void resume();
  void pause();
  void step();  // one step of each unfinished run
  void stop();
  void computeLandscape(const LandscapeRequest& request);

 signals:
  void snapshotReady(bp::ui::CompareSnapshotPtr snapshot);
  void started(int runs);
  void paused();
  void finished();
  void failed(QString message);
  void landscapeProgress(int done, int total);
  void landscapeReady(bp::ui::LandscapePtr result);
  void landscapeFailed(QString message);

 private:
  void slice();
  void emitSnapshot(bool with_grids);
  void release();

  std::atomic<bool>* abort_;
  std::atomic<bool>* cancel_landscape_;
  std::atomic<int>* in_flight_;
  CompareJob job_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<DatasetSplits> data_;
  std::unique_ptr<RunGroup> group_;
  std::vector<std::unique_ptr<SnapshotBuilder>> builders_;
  std::shared_ptr<const PlotPoints> points_;
  bool running_ = false;
  bool slice_queued_ = false;
  std::chrono::steady_clock::time_point last_snapshot_{}, last_grids_{};
  PlaneGrid empty_grid_;
  std::vector<PlaneGrid> grids_;
  uint64_t comparison_ = 0;
  // The previous comparison's histories (shared with the snapshots the views still hold), kept
  // for a few seconds after a new start so that their last references drop here, not on the GUI
  // thread: freeing 8 runs x 100,000 epoch records there stalled the window at a restart.
  std::vector<SharedHistory> retired_;
  std::chrono::steady_clock::time_point retire_at_{};
};

}  // namespace bp::ui
