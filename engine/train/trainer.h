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

namespace bp {

struct Metrics {
  double loss = 0.0;
  double accuracy = -1.0;  // fraction in [0, 1]; -1 for regression
  int64_t samples = 0;
};

struct EpochRecord {
  int epoch = 0;  // 1-based
  Metrics train, validation;
  float lr = 0.0f;
  double seconds = 0.0;  // wall time of the epoch
};

struct StepResult {
  double loss = 0.0;  // mini-batch loss (incl. penalties)
  bool finite = true;
  bool epoch_finished = false;
  int64_t step = 0;  // global step count after this step
  int epoch = 0;     // epochs completed
};

class Trainer {
 public:
  // The model and splits must outlive the trainer. Throws bp::Error when the loss does not fit
  // the model output and the data (e.g. CrossEntropyLoss on a 1-unit output).
  Trainer(Model& model, const DatasetSplits& data, const TrainConfig& config);
  ~Trainer();

  // One mini-batch. A non-finite loss leaves the weights as they were before the step and
  // returns finite=false.
  StepResult step();
  // Steps to the end of the current epoch; evaluates, records and returns the epoch.
  EpochRecord run_epoch();
  // Loss/accuracy on a split in eval mode.
  Metrics evaluate(const Dataset& split);
  // Runs config.epochs epochs (or until early stopping or `stop` becomes true).
  // `on_epoch` is called after each epoch. Returns false when training diverged.
  bool run(const std::function<void(const EpochRecord&)>& on_epoch, const std::atomic<bool>* stop);

  // Resets weights to the seed's initial values and all optimizer/schedule state.
  void reset();
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

  const std::vector<EpochRecord>& history() const { return history_; }
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
  // L-BFGS closure: zero grads, mean loss and gradients over the whole training set.
  double full_batch_loss_and_gradients();
  std::unique_ptr<Impl> impl_;
  Model& model_;
  const DatasetSplits* data_;
  TrainConfig config_;
  std::vector<EpochRecord> history_;
  int64_t step_ = 0;
  int epoch_ = 0;
  bool stopped_early_ = false;
  std::string divergence_;
};

}  // namespace bp
