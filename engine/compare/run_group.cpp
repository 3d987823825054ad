#include "engine/compare/run_group.h"

#include <algorithm>
#include <limits>

#include "engine/core/error.h"

namespace bp {
namespace {

using Clock = std::chrono::steady_clock;

std::map<std::string, std::vector<float>> initial_weights_for(const RunSpec& spec,
                                                              Backend& backend) {
  Model model(spec.network, backend, spec.config.seed);
  return model.params().to_host(backend);
}

}  // namespace

std::string to_string(RunStatus status) {
  switch (status) {
    case RunStatus::Running:
      return "running";
    case RunStatus::Finished:
      return "finished";
    case RunStatus::StoppedEarly:
      return "stopped early";
    case RunStatus::Diverged:
      return "diverged";
    case RunStatus::Failed:
      return "failed";
  }
  return "?";
}

RunGroup::RunGroup(std::vector<RunSpec> runs, const DatasetSplits& data, Backend& backend,
                   const RunGroupOptions& options)
    : data_(data), backend_(backend), options_(options) {
  if (runs.empty()) throw Error("a comparison needs at least one run");
  if (data.train.size() == 0) throw Error("the training split is empty");
  // One initial checkpoint per seed: the first weight-sharing run with that seed defines it.
  std::map<uint64_t, std::map<std::string, std::vector<float>>> shared;
  for (RunSpec& spec : runs) {
    auto run = std::make_unique<CompareRun>();
    run->spec = std::move(spec);
    const RunSpec& s = run->spec;
    run->model = std::make_unique<Model>(s.network, backend, s.config.seed);
    if (s.shares_initial_weights) {
      const std::map<std::string, std::vector<float>>* start = nullptr;
      if (options.initial_weights) {
        start = &*options.initial_weights;
      } else {
        auto it = shared.find(s.config.seed);
        if (it == shared.end())
          it = shared.emplace(s.config.seed, initial_weights_for(s, backend)).first;
        start = &it->second;
      }
      try {
        run->model->params().from_host(backend, *start);
      } catch (const Error& e) {
        throw Error("run '" + s.label + "' cannot start from the shared initial weights (" +
                    e.what() + "): its layers' parameter shapes differ from the other runs'");
      }
    }
    try {
      run->trainer = std::make_unique<Trainer>(*run->model, data, s.config);
      run->trainer->set_keep_history(false);
    } catch (const Error& e) {
      throw Error("run '" + s.label + "': " + e.what());
    }
    record_weights(*run);
    if (run->trainer->epoch() >= run->trainer->target_epoch()) run->status = RunStatus::Finished;
    runs_.push_back(std::move(run));
  }
}

RunGroup::~RunGroup() = default;

double RunGroup::progress(size_t i) const {
  const CompareRun& r = *runs_[i];
  const double n = static_cast<double>(data_.train.size());
  return r.trainer->epoch() + std::min(1.0, static_cast<double>(r.samples_in_epoch) / n);
}

bool RunGroup::finished() const {
  return std::none_of(runs_.begin(), runs_.end(),
                      [](const auto& r) { return r->status == RunStatus::Running; });
}

int RunGroup::target_epochs() const {
  int t = 0;
  for (const auto& r : runs_) t = std::max(t, r->trainer->target_epoch());
  return t;
}

void RunGroup::record_weights(CompareRun& run) {
  const int epoch = run.trainer->epoch();
  if (run.weights.empty()) run.weights_every = options_.record_weights_every;
  const int every = run.weights_every;
  if (!run.weights.empty() && (every <= 0 || epoch % every != 0)) return;
  if (run.weights.size() >= kMaxRecordedWeights) {
    // Thin: keep the start and the recordings at multiples of twice the interval.
    size_t kept = 1;
    for (size_t i = 1; i < run.weights.size(); ++i)
      if (run.weight_epochs[i] % (2 * every) == 0) {
        run.weights[kept] = std::move(run.weights[i]);
        run.weight_epochs[kept] = run.weight_epochs[i];
        ++kept;
      }
    run.weights.resize(kept);
    run.weight_epochs.resize(kept);
    run.weights_every = 2 * every;
    if (epoch % run.weights_every != 0) return;
  }
  Tensor& values = run.model->params().values();
  std::vector<float> w(static_cast<size_t>(values.numel()));
  backend_.memory().download(values, w.data());
  run.weights.push_back(std::move(w));
  run.weight_epochs.push_back(epoch);
}

void RunGroup::step_run(CompareRun& run) {
  Trainer& trainer = *run.trainer;
  const auto t0 = Clock::now();
  StepResult r;
  try {
    r = trainer.step();
  } catch (const std::exception& e) {
    run.status = RunStatus::Failed;
    run.message = e.what();
    return;
  }
  run.seconds += std::chrono::duration<double>(Clock::now() - t0).count();
  ++run.steps;
  if (r.epoch_finished) {
    run.samples_in_epoch = 0;
    run.history.append(trainer.history().back(), run.seconds);
    record_weights(run);
  } else {
    run.samples_in_epoch += trainer.config().batch_size;
  }
  if (!r.finite || r.diverged) {
    run.status = RunStatus::Diverged;
    run.message = trainer.divergence_message();
    if (run.message.empty())
      run.message = "the loss became NaN or infinite at epoch " +
                    std::to_string(trainer.epoch() + 1) + "; the last finite weights were kept";
    return;
  }
  if (trainer.stopped_early())
    run.status = RunStatus::StoppedEarly;
  else if (trainer.epoch() >= trainer.target_epoch())
    run.status = RunStatus::Finished;
}

int RunGroup::advance(int max_steps) {
  int taken = 0;
  while (taken < max_steps) {
    CompareRun* behind = nullptr;
    double least = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < runs_.size(); ++i) {
      if (runs_[i]->status != RunStatus::Running) continue;
      const double p = progress(i);
      if (p < least) least = p, behind = runs_[i].get();
    }
    if (!behind) break;
    step_run(*behind);
    ++taken;
  }
  return taken;
}

int RunGroup::advance_for(std::chrono::nanoseconds budget) {
  const auto end = Clock::now() + budget;
  int taken = 0;
  do {
    const int k = advance(1);
    if (k == 0) break;
    taken += k;
  } while (Clock::now() < end);
  return taken;
}

void RunGroup::stop_run(size_t i) {
  if (runs_[i]->status == RunStatus::Running) runs_[i]->status = RunStatus::Finished;
}

}  // namespace bp
