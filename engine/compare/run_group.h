#pragma once
// RunGroup: the runs of a comparison, trained side by side, fairly. Every run that does not vary
// the initializer starts from bitwise the same weights as the other runs with its seed (one
// initial checkpoint per seed), and runs with the same seed visit the samples in the same order
// every epoch (the trainer's shuffle stream depends on the seed only, not on the batch size, the
// optimizer or the network). Each run has its own Model and Trainer, so a run's curve is exactly
// the curve of the same configuration trained alone from the same weights.
//
// advance() steps the run that is furthest behind (in epochs, counting the epoch in progress by
// samples), so runs with different batch sizes stay level and a GUI worker can call it in short
// slices. A run that diverges (NaN/Inf, or the loss grows 1000-fold) or throws stops alone and is
// marked; the others go on.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/compare/run_spec.h"
#include "engine/compare/shared_history.h"
#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"

namespace bp {

enum class RunStatus : uint8_t {
  Running,
  Finished,      // reached its epochs
  StoppedEarly,  // early stopping ended it
  Diverged,      // NaN/Inf or a 1000-fold loss: the weights are the last finite ones
  Failed,        // the trainer threw (message says why)
};

std::string to_string(RunStatus status);  // "running", "finished", "stopped early", ...

struct CompareRun {
  RunSpec spec;
  std::unique_ptr<Model> model;
  std::unique_ptr<Trainer> trainer;
  RunStatus status = RunStatus::Running;
  std::string message;  // why it diverged or failed
  // Every finished epoch's record with this run's own training time (its steps, not the others')
  // after it: history.seconds_at(k) after epoch k+1. The trainer keeps only its latest record;
  // this is the one copy, shared chunk by chunk with the studio's snapshots.
  SharedHistory history;
  double seconds = 0.0;
  int64_t samples_in_epoch = 0;  // samples of the epoch in progress already trained on
  int64_t steps = 0;
  // The weights along the run (flat, ParameterStore::values() order), at the start and after
  // every `record_weights_every`-th epoch; weight_epochs[k] is the epoch of weights[k].
  std::vector<std::vector<float>> weights;
  std::vector<int> weight_epochs;
  // Epochs between recordings: starts at RunGroupOptions::record_weights_every and doubles each
  // time kMaxRecordedWeights are held (every other recording is dropped then, the start kept), so
  // a comparison left running for hours holds a bounded path.
  int weights_every = 1;
};

inline constexpr size_t kMaxRecordedWeights = 512;

struct RunGroupOptions {
  // Record the flat weights every N epochs for the loss landscape (0: only the initial ones).
  int record_weights_every = 1;
  // Start every weight-sharing run from these named weights (e.g. the project's) instead of its
  // seed's initialization.
  std::optional<std::map<std::string, std::vector<float>>> initial_weights;
};

class RunGroup {
 public:
  // `data` and `backend` must outlive the group; the runs share the backend and are stepped on
  // the calling thread only. Throws bp::Error when a run's network is invalid, the weights cannot
  // be shared (parameter shapes differ) or a configuration is invalid (e.g. a negative lr).
  RunGroup(std::vector<RunSpec> runs, const DatasetSplits& data, Backend& backend,
           const RunGroupOptions& options = {});
  ~RunGroup();
  RunGroup(const RunGroup&) = delete;
  RunGroup& operator=(const RunGroup&) = delete;

  size_t size() const { return runs_.size(); }
  const CompareRun& run(size_t i) const { return *runs_[i]; }
  CompareRun& run(size_t i) { return *runs_[i]; }
  // Epochs completed plus the fraction of the epoch in progress.
  double progress(size_t i) const;
  bool finished() const;
  // Total epochs of the longest run (for progress bars).
  int target_epochs() const;

  // Takes up to `max_steps` steps, each on the unfinished run furthest behind. Returns the
  // number of steps taken (0 when every run has finished). Never throws for a run's failure:
  // that run is marked Failed.
  int advance(int max_steps);
  // Takes steps until `budget` has passed (at least one when any run is unfinished).
  int advance_for(std::chrono::nanoseconds budget);
  // Stops a run where it is (marked Finished at its current epoch).
  void stop_run(size_t i);

 private:
  void step_run(CompareRun& run);
  void record_weights(CompareRun& run);

  std::vector<std::unique_ptr<CompareRun>> runs_;
  const DatasetSplits& data_;
  Backend& backend_;
  RunGroupOptions options_;
};

}  // namespace bp
