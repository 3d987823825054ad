#pragma once
// CompareController: the GUI-thread side of the compare lab. Owns the worker's QThread; start,
// pause, step and stop act on all runs at once; the landscape is computed by the same worker
// (training pauses meanwhile) and can be cancelled. Views connect to snapshotReady and draw the
// latest snapshot only.
#include <QObject>
#include <QThread>
#include <atomic>

#include "ui/compare/compare_worker.h"

namespace bp::ui {

class CompareController : public QObject {
  Q_OBJECT
 public:
  enum class State { Idle, Running, Paused, Finished };
  Q_ENUM(State)

  explicit CompareController(QObject* parent = nullptr);
  ~CompareController() override;

  State state() const { return state_; }
  CompareSnapshotPtr latest() const { return latest_; }
  bool computingLandscape() const { return landscape_busy_; }

  void start(const CompareJob& job);
  void pause();
  void resume();
  void step();
  void stop();
  void computeLandscape(const LandscapeRequest& request);
  void cancelLandscape();

 signals:
  void stateChanged(bp::ui::CompareController::State state);
  void snapshotReady(bp::ui::CompareSnapshotPtr snapshot);
  void failed(QString message);
  void landscapeProgress(int done, int total);
  void landscapeReady(bp::ui::LandscapePtr result);
  void landscapeFailed(QString message);

 private:
  template <typename F>
  void post(F&& f);
  void setState(State s);

  QThread thread_;
  CompareWorker* worker_ = nullptr;
  std::atomic<bool> abort_{false};
  std::atomic<bool> cancel_landscape_{false};
  // Snapshots sent and not yet delivered to the views: the worker sends its periodic ones only
  // when this is 0, so a slow GUI thread never piles up copies of long histories.
  std::atomic<int> snapshots_in_flight_{0};
  State state_ = State::Idle;
  CompareSnapshotPtr latest_;
  bool landscape_busy_ = false;
};

}  // namespace bp::ui

Q_DECLARE_METATYPE(bp::ui::CompareController::State)
