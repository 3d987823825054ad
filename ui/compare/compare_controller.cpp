#include "ui/compare/compare_controller.h"

#include <QMetaObject>
#include <utility>

namespace bp::ui {

CompareController::CompareController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<CompareSnapshotPtr>("bp::ui::CompareSnapshotPtr");
  qRegisterMetaType<LandscapePtr>("bp::ui::LandscapePtr");
  qRegisterMetaType<State>("bp::ui::CompareController::State");
  thread_.setObjectName(QStringLiteral("compare"));
  worker_ = new CompareWorker(&abort_, &cancel_landscape_, &snapshots_in_flight_);
  worker_->moveToThread(&thread_);
  connect(worker_, &CompareWorker::snapshotReady, this, [this](const CompareSnapshotPtr& s) {
    latest_ = s;
    emit snapshotReady(s);
    snapshots_in_flight_.fetch_sub(1);
  });
  connect(worker_, &CompareWorker::started, this, [this] { setState(State::Running); });
  connect(worker_, &CompareWorker::paused, this, [this] {
    if (state_ == State::Running) setState(State::Paused);
  });
  connect(worker_, &CompareWorker::finished, this, [this] { setState(State::Finished); });
  connect(worker_, &CompareWorker::failed, this, [this](const QString& m) {
    setState(State::Idle);
    emit failed(m);
  });
  connect(worker_, &CompareWorker::landscapeProgress, this, &CompareController::landscapeProgress);
  connect(worker_, &CompareWorker::landscapeReady, this, [this](LandscapePtr r) {
    landscape_busy_ = false;
    emit landscapeReady(std::move(r));
  });
  connect(worker_, &CompareWorker::landscapeFailed, this, [this](const QString& m) {
    landscape_busy_ = false;
    emit landscapeFailed(m);
  });
  thread_.start();
}

CompareController::~CompareController() {
  abort_.store(true);
  cancel_landscape_.store(true);
  thread_.quit();
  thread_.wait();
  delete worker_;
}

template <typename F>
void CompareController::post(F&& f) {
  QMetaObject::invokeMethod(worker_, std::forward<F>(f), Qt::QueuedConnection);
}

void CompareController::setState(State s) {
  if (s == state_) return;
  state_ = s;
  emit stateChanged(s);
}

void CompareController::start(const CompareJob& job) {
  cancel_landscape_.store(true);
  post([w = worker_, job] { w->start(job); });
}

void CompareController::pause() {
  if (state_ != State::Running) return;
  post([w = worker_] { w->pause(); });
}

void CompareController::resume() {
  if (state_ != State::Paused) return;
  setState(State::Running);
  post([w = worker_] { w->resume(); });
}

void CompareController::step() {
  if (state_ != State::Paused && state_ != State::Running) return;
  setState(State::Paused);
  post([w = worker_] { w->step(); });
}

void CompareController::stop() {
  if (state_ == State::Idle || state_ == State::Finished) return;
  post([w = worker_] { w->stop(); });
}

void CompareController::computeLandscape(const LandscapeRequest& request) {
  landscape_busy_ = true;
  cancel_landscape_.store(false);
  post([w = worker_, request] { w->computeLandscape(request); });
}

void CompareController::cancelLandscape() {
  cancel_landscape_.store(true);
}

}  // namespace bp::ui
