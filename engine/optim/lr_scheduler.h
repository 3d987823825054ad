#pragma once
// torch.optim.lr_scheduler semantics, stepped once per epoch (after the epoch's optimizer steps).
// An optional linear warm-up (torch's LinearLR from start_factor to 1 over warmup_epochs) runs
// first and is chained with the main schedule as torch's SequentialLR would: epochs
// 0..warmup_epochs-1 follow LinearLR, then the main schedule starts afresh from base_lr (for
// ReduceLROnPlateau, validation losses passed during the warm-up are ignored).
// Throws bp::Error for invalid settings (non-positive step_size or T_max, factor >= 1, ...).
#include <cstdint>
#include <optional>

namespace bp {

enum class ScheduleKind : uint8_t {
  Constant,
  StepLR,             // step_size, gamma
  ExponentialLR,      // gamma
  CosineAnnealingLR,  // T_max, eta_min
  ReduceLROnPlateau,  // on validation loss: factor, patience, threshold (rel), cooldown, min_lr
};

struct ScheduleConfig {
  ScheduleKind kind = ScheduleKind::Constant;
  int step_size = 10;
  float gamma = 0.1f;
  int T_max = 50;
  float eta_min = 0.0f;
  float factor = 0.1f;
  int patience = 10;
  float threshold = 1e-4f;
  int cooldown = 0;
  float min_lr = 0.0f;
  int warmup_epochs = 0;  // 0: no warm-up
  float warmup_start_factor = 1.0f / 3.0f;

  bool operator==(const ScheduleConfig&) const = default;
};

// Where a schedule stands: what a checkpoint keeps to continue it exactly.
struct LrSchedulerState {
  double lr = 0.0;
  int epoch = 0;
  double best = 0.0;
  bool has_best = false;
  int bad_epochs = 0;
  int cooldown_left = 0;

  bool operator==(const LrSchedulerState&) const = default;
};

class LrScheduler {
 public:
  LrScheduler(const ScheduleConfig& config, float base_lr);
  // The learning rate for the current epoch (epoch 0 before any step()).
  float lr() const;
  // Ends an epoch; `validation_loss` is required by ReduceLROnPlateau (ignored otherwise).
  void step(std::optional<double> validation_loss = std::nullopt);
  int epoch() const;
  LrSchedulerState state() const;
  void load_state(const LrSchedulerState& state);

 private:
  // One epoch of the main schedule; `main_epoch` counts from 1 after its start.
  void step_main(int main_epoch, std::optional<double> validation_loss);

  ScheduleConfig config_;
  double base_lr_;
  double lr_;  // torch keeps group['lr'] as a Python float (double)
  int epoch_ = 0;
  // ReduceLROnPlateau bookkeeping
  double best_ = 0.0;
  bool has_best_ = false;
  int bad_epochs_ = 0;
  int cooldown_left_ = 0;
};

}  // namespace bp
