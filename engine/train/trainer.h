#pragma once
// Trainer: runs training on a Model with a dataset's splits. step() is one mini-batch, so a GUI
// worker can run in short slices and a CLI can run whole epochs; deterministic for a given seed
// and thread count.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/train/train_config.h"
#include "engine/train/train_state.h"

namespace bp {

struct StepResult {
  double loss = 0.0;      // mini-batch loss (incl. penalties)
  bool finite = true;     // false: the loss became NaN/Inf (the weights were restored)
  bool diverged = false;  // the loss is finite but grew by orders of magnitude (see trainer.cpp)
  bool epoch_finished = false;
  int64_t step = 0;  // global step count after this step
  int epoch = 0;     // epochs completed
};

class Trainer {
 public:
  // The model and splits must outlive the trainer. Training starts from the model's weights as
  // they are (the trainer never re-initializes what it was given) with a fresh optimizer,
  // schedule and counters; load_state() continues a checkpoint instead. Throws bp::Error when
  // the loss does not fit the model output and the data (e.g. CrossEntropyLoss on a 1-unit
  // output).
  Trainer(Model& model, const DatasetSplits& data, const TrainConfig& config);
  ~Trainer();

  // One mini-batch. A non-finite loss leaves the weights as they were before the step and
  // returns finite=false.
  StepResult step();
  // Steps to the end of the current epoch; evaluates, records and returns the epoch.
  EpochRecord run_epoch();
  // Loss/accuracy on a split in eval mode.
  Metrics evaluate(const Dataset& split);
  // Trains until epoch() reaches target_epoch() (or early stopping, or `stop` becomes true).
  // `on_epoch` is called after each epoch. Returns false when training diverged.
  bool run(const std::function<void(const EpochRecord&)>& on_epoch, const std::atomic<bool>* stop);
  // The epoch run() trains to: config.epochs more than where the trainer was built or reset,
  // or the target a loaded state recorded.
  int target_epoch() const { return target_epoch_; }
  void set_target_epoch(int epoch) { target_epoch_ = epoch; }
  // Trains `epochs` more from where it stands, also after early stopping ended the run.
  void continue_for(int epochs) {
    target_epoch_ = epoch_ + epochs;
    stopped_early_ = false;
  }

  // Resets weights to the seed's initial values and all optimizer/schedule state and counters.
  void reset();

  // A checkpoint of everything but the weights (those are the model's). Without history, the
  // epoch records are left out (a caller that keeps them itself, like the studio, adds them).
  TrainState state(bool with_history = true);
  // Continues from `state` (taken from a model with these weights). What cannot be kept is
  // started afresh and said in the returned notes: another optimizer kind or variant (fresh
  // buffers from the current weights), another schedule (restarts from now), a training split of
  // another size (the epoch in progress restarts). Throws bp::Error for a malformed state.
  std::vector<std::string> load_state(const TrainState& state);
  // Trains on `data` from now on (it must outlive the trainer), e.g. the same splits with points
  // added to or removed from the end of the training split, keeping the weights, the optimizer
  // and schedule state, the step and epoch counts and the epoch in progress: it goes on over the
  // samples it has not visited that still exist, then the new ones. Throws bp::Error when the
  // samples or targets do not fit the model (nothing changes then). Returns true when no samples
  // were left for the epoch in progress, so it ended here (its record is in history()).
  bool replace_data(const DatasetSplits& data);
  void set_lr(float lr);
  // Augments every training batch as `spec` asks (jitter for 2-D data; shifts, rotations and
  // noise for images). Off unless set.
  void set_augmentation(const DatasetSpec& spec);
  float lr() const;

  // Every finished epoch's record; with set_keep_history(false) only the latest one (a caller
  // that keeps the records itself, like a comparison's runs, holds them once, not twice).
  const std::vector<EpochRecord>& history() const { return history_; }
  void set_keep_history(bool keep) { keep_history_ = keep; }
  int64_t global_step() const { return step_; }
  int epoch() const { return epoch_; }
  bool stopped_early() const { return stopped_early_; }
  std::string divergence_message() const { return divergence_; }
  Model& model() { return model_; }
  const TrainConfig& config() const { return config_; }

 private:
  struct Impl;
  bool uses_lbfgs() const;
  // Batch buffers for min(batch size, training samples) samples.
  void allocate_batch();
  // Evaluates, records and schedules the epoch that just ended; starts the next.
  void finish_epoch();
  // Fresh optimizer, schedule, early stopping, random streams and counters; weights untouched.
  void start_fresh();
  // True when `loss` grew by orders of magnitude over it.
  bool grew_out_of_bounds(double loss);
  // L-BFGS closure: zero grads, mean loss and gradients over the whole training set.
  double full_batch_loss_and_gradients();
  std::unique_ptr<Impl> impl_;
  Model& model_;
  const DatasetSplits* data_;
  TrainConfig config_;
  std::vector<EpochRecord> history_;
  bool keep_history_ = true;
  int64_t step_ = 0;
  int epoch_ = 0;
  bool stopped_early_ = false;
  int target_epoch_ = 0;
  double reference_loss_ = 0.0;
  bool has_reference_loss_ = false;
  bool diverged_now_ = false;  // set by finish_epoch, reported by step
  std::string divergence_;
};

}  // namespace bp
