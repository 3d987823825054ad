#include "ui/compare/compare_worker.h"

#include <QMetaObject>
#include <algorithm>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/data/dataset_spec.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "ui/training/backend_factory.h"

namespace bp::ui {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSlice = std::chrono::milliseconds(15);
// Curves at ~30 Hz: with 15 ms slices a snapshot goes out every second slice.
constexpr auto kSnapshotEvery = std::chrono::milliseconds(50);  // 20 Hz: curves stay smooth
constexpr auto kGridsEvery = std::chrono::milliseconds(200);    // boundaries: 5 Hz

// The legend text: the value alone for one variable, "name=value ..." for a grid.
std::string values_of(const RunSpec& spec) {
  if (spec.settings.size() == 1) return spec.settings.front().second;
  std::string out;
  for (const auto& [name, value] : spec.settings)
    out += (out.empty() ? "" : " ") + name + "=" + value;
  return out;
}

}  // namespace

CompareWorker::CompareWorker(std::atomic<bool>* abort, std::atomic<bool>* cancel_landscape,
                             std::atomic<int>* in_flight)
    : abort_(abort), cancel_landscape_(cancel_landscape), in_flight_(in_flight) {}

CompareWorker::~CompareWorker() = default;

void CompareWorker::release() {
  running_ = false;
  builders_.clear();
  group_.reset();
  data_.reset();
  backend_.reset();
  grids_.clear();
}

void CompareWorker::start(const CompareJob& job) {
  if (group_)
    for (size_t i = 0; i < group_->size(); ++i) retired_.push_back(group_->run(i).history);
  // Hidden tabs take a snapshot once a second: after that no view holds the old ones.
  retire_at_ = Clock::now() + std::chrono::seconds(3);
  release();
  try {
    job_ = job;
    backend_ = make_backend(job.backend, 1);
    data_ = std::make_unique<DatasetSplits>(load_dataset(job.project.dataset));
    std::vector<RunSpec> runs =
        make_runs(job.project.network, job.project.training, job.variations, job.seeds);
    if (runs.size() > 16)
      throw Error("the comparison has " + std::to_string(runs.size()) +
                  " runs; the studio draws at most 16 (fewer values or seeds)");
    RunGroupOptions options;
    if (job.from_current_weights) {
      if (job.project.weights.empty())
        throw Error(
            "the project has no trained weights yet: train it first, or start the "
            "comparison from the initialization");
      options.initial_weights = job.project.weights;
    }
    group_ = std::make_unique<RunGroup>(std::move(runs), *data_, *backend_, options);
    for (size_t i = 0; i < group_->size(); ++i) {
      CompareRun& r = group_->run(i);
      auto b = std::make_unique<SnapshotBuilder>(*r.model, job.project.dataset, *data_,
                                                 r.spec.config.loss);
      if (!b->hasPlane()) break;
      points_ = b->points();
      builders_.push_back(std::move(b));
    }
    grids_.assign(group_->size(), PlaneGrid{});
    ++comparison_;
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
    return;
  }
  emit started(static_cast<int>(group_->size()));
  emitSnapshot(true);
  resume();
}

void CompareWorker::resume() {
  if (!group_ || group_->finished()) return;
  running_ = true;
  if (!slice_queued_) {
    slice_queued_ = true;
    QMetaObject::invokeMethod(this, &CompareWorker::slice, Qt::QueuedConnection);
  }
}

void CompareWorker::pause() {
  if (!running_) return;
  running_ = false;
  emitSnapshot(true);
  emit paused();
}

void CompareWorker::step() {
  if (!group_) return;
  running_ = false;
  for (size_t i = 0; i < group_->size(); ++i)
    if (group_->run(i).status == RunStatus::Running) group_->advance(1);
  emitSnapshot(true);
  if (group_->finished()) emit finished();
}

void CompareWorker::stop() {
  if (!group_) return;
  running_ = false;
  for (size_t i = 0; i < group_->size(); ++i) group_->stop_run(i);
  emitSnapshot(true);
  emit finished();
}

void CompareWorker::slice() {
  slice_queued_ = false;
  if (!running_ || !group_ || abort_->load()) return;
  try {
    group_->advance_for(kSlice);
  } catch (const std::exception& e) {
    release();
    emit failed(QString::fromStdString(e.what()));
    return;
  }
  const auto now = Clock::now();
  if (!retired_.empty() && now >= retire_at_) retired_.clear();
  if (group_->finished()) {
    running_ = false;
    emitSnapshot(true);
    emit finished();
    return;
  }
  // Periodic snapshots wait until the views took the last one (backpressure): a GUI thread busy
  // with long curves sees fewer snapshots instead of a growing queue of large copies.
  if (now - last_snapshot_ >= kSnapshotEvery && in_flight_->load() == 0)
    emitSnapshot(now - last_grids_ >= kGridsEvery);
  if (!abort_->load() && !slice_queued_) {
    slice_queued_ = true;
    QMetaObject::invokeMethod(this, &CompareWorker::slice, Qt::QueuedConnection);
  }
}

void CompareWorker::emitSnapshot(bool with_grids) {
  if (!group_) return;
  auto s = std::make_shared<CompareSnapshot>();
  s->points = points_;
  s->seeds = job_.seeds;
  s->target_epochs = group_->target_epochs();
  s->finished = group_->finished();
  s->comparison = comparison_;
  for (const Variation& v : job_.variations)
    s->variables.push_back(compare_variable_name(v.variable));
  for (size_t i = 0; i < group_->size(); ++i) {
    CompareRun& r = group_->run(i);
    CompareRunState st;
    st.label = r.spec.label;
    st.value = values_of(r.spec);
    st.config_index = r.spec.config_index;
    st.seed = r.spec.config.seed;
    st.lr = r.spec.config.optimizer.lr;
    st.batch_size = r.spec.config.batch_size;
    st.status = r.status;
    st.message = r.message;
    st.progress = group_->progress(i);
    st.seconds = r.seconds;
    st.history = r.history;  // shares the full chunks: only the newest epochs are copied
    if (i < builders_.size()) {
      if (with_grids) {
        TrainingSnapshot t;
        builders_[i]->fillPlane(*r.model, t);
        grids_[i] = std::move(t.grid);
      }
      st.grid = grids_[i];
    }
    s->runs.push_back(std::move(st));
  }
  const auto now = Clock::now();
  last_snapshot_ = now;
  if (with_grids) last_grids_ = now;
  in_flight_->fetch_add(1);
  emit snapshotReady(s);
}

void CompareWorker::computeLandscape(const LandscapeRequest& request) {
  if (!group_) {
    emit landscapeFailed(tr("start a comparison first: the landscape follows its runs"));
    return;
  }
  const bool was_running = running_;
  running_ = false;
  const auto t0 = Clock::now();
  try {
    auto result = std::make_shared<LandscapeResult>();
    result->directions = request.directions;
    CompareRun& first = group_->run(0);
    const std::vector<float> solution = first.weights.back();
    const std::vector<float> centre =
        request.centre == LandscapeCentre::SharedStart ? first.weights.front() : solution;
    std::vector<std::vector<float>> points;
    for (size_t i = 0; i < group_->size(); ++i) {
      const CompareRun& r = group_->run(i);
      if (r.weights.front().size() != centre.size()) continue;  // another parameter layout
      for (const auto& w : r.weights) points.push_back(w);
    }
    LandscapePlane plane = request.directions == LandscapeDirections::Pca
                               ? pca_plane(points, centre)
                               : random_plane(first.model->params(), centre, request.seed);
    result->explained = plane.explained;
    std::vector<std::array<double, 2>> all;
    for (size_t i = 0; i < group_->size(); ++i) {
      const CompareRun& r = group_->run(i);
      result->labels.push_back(r.spec.label);
      std::vector<std::array<double, 2>> path;
      if (r.weights.front().size() == centre.size())
        for (const auto& w : r.weights) path.push_back(project_onto(plane, w));
      all.insert(all.end(), path.begin(), path.end());
      result->paths.push_back(std::move(path));
    }
    if (request.directions == LandscapeDirections::Random) all.push_back({1.0, 1.0});
    const GridRange range = range_around(all, 0.15, request.resolution);
    // A fixed subset of the training split (the same for every cell).
    std::vector<int64_t> order(static_cast<size_t>(data_->train.size()));
    std::iota(order.begin(), order.end(), 0);
    Rng(request.seed).shuffle(order.begin(), order.end());
    order.resize(std::min<size_t>(order.size(), static_cast<size_t>(request.max_samples)));
    const Dataset subset = data_->train.subset(order);
    result->samples = static_cast<int>(subset.size());
    result->grid = loss_grid(
        *first.trainer, subset, plane, range,
        [this](int done, int total) { emit landscapeProgress(done, total); }, cancel_landscape_);
    if (result->grid.complete) {
      result->init_to_final =
          loss_along_line(*first.trainer, subset, first.weights.front(), solution, 41);
      const size_t from = static_cast<size_t>(request.line_from);
      const size_t to = static_cast<size_t>(request.line_to);
      if (from != to && from < group_->size() && to < group_->size() &&
          group_->run(from).weights.back().size() == centre.size() &&
          group_->run(to).weights.back().size() == centre.size()) {
        result->between = loss_along_line(*first.trainer, subset, group_->run(from).weights.back(),
                                          group_->run(to).weights.back(), 41);
        result->between_label = group_->run(from).spec.label + " → " + group_->run(to).spec.label;
      }
    }
    result->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    emit landscapeReady(result);
  } catch (const std::exception& e) {
    emit landscapeFailed(QString::fromStdString(e.what()));
  }
  if (was_running) resume();
}

}  // namespace bp::ui
