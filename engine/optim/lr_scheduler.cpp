// torch.optim.lr_scheduler (1.13) in its recursive (chainable) form: each step derives the new
// learning rate from the current one, exactly as torch's get_lr() does, in double precision.
#include "engine/optim/lr_scheduler.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "engine/core/error.h"

namespace bp {
namespace {

// Python's a % b for b > 0 (non-negative result).
int python_mod(int a, int b) {
  const int r = a % b;
  return r < 0 ? r + b : r;
}

void validate(const ScheduleConfig& c, float base_lr) {
  auto fail = [](const std::string& what) { throw Error("learning-rate schedule: " + what); };
  if (!(std::isfinite(base_lr) && base_lr >= 0.0f)) fail("lr must be >= 0");
  switch (c.kind) {
    case ScheduleKind::Constant:
      break;
    case ScheduleKind::StepLR:
      if (c.step_size < 1) fail("StepLR step_size must be >= 1");
      if (!(c.gamma > 0.0f)) fail("StepLR gamma must be > 0");
      break;
    case ScheduleKind::ExponentialLR:
      if (!(c.gamma > 0.0f)) fail("ExponentialLR gamma must be > 0");
      break;
    case ScheduleKind::CosineAnnealingLR:
      if (c.T_max < 1) fail("CosineAnnealingLR T_max must be >= 1");
      if (!(c.eta_min >= 0.0f)) fail("CosineAnnealingLR eta_min must be >= 0");
      break;
    case ScheduleKind::ReduceLROnPlateau:
      if (!(c.factor > 0.0f && c.factor < 1.0f)) fail("ReduceLROnPlateau factor must be in (0, 1)");
      if (c.patience < 0) fail("ReduceLROnPlateau patience must be >= 0");
      if (c.cooldown < 0) fail("ReduceLROnPlateau cooldown must be >= 0");
      if (!(c.threshold >= 0.0f)) fail("ReduceLROnPlateau threshold must be >= 0");
      if (!(c.min_lr >= 0.0f)) fail("ReduceLROnPlateau min_lr must be >= 0");
      break;
  }
  if (c.warmup_epochs < 0) fail("warmup_epochs must be >= 0");
  if (c.warmup_epochs > 0 && !(c.warmup_start_factor > 0.0f && c.warmup_start_factor <= 1.0f))
    fail("warmup_start_factor must be in (0, 1]");
}

}  // namespace

LrScheduler::LrScheduler(const ScheduleConfig& config, float base_lr)
    : config_(config), base_lr_(base_lr), lr_(base_lr) {
  validate(config_, base_lr);
  // LinearLR's initial step: lr = base * start_factor.
  if (config_.warmup_epochs > 0) lr_ = base_lr_ * static_cast<double>(config_.warmup_start_factor);
}

float LrScheduler::lr() const {
  return static_cast<float>(lr_);
}
int LrScheduler::epoch() const {
  return epoch_;
}

void LrScheduler::step(std::optional<double> validation_loss) {
  ++epoch_;
  const int warmup = config_.warmup_epochs;
  if (epoch_ < warmup) {
    // LinearLR.get_lr with end_factor 1, total_iters = warmup (epoch_ <= total_iters here).
    const double sf = config_.warmup_start_factor;
    lr_ *= 1.0 + (1.0 - sf) / (warmup * sf + (epoch_ - 1) * (1.0 - sf));
    return;
  }
  if (warmup > 0 && epoch_ == warmup) {
    // SequentialLR's milestone: the main scheduler's step(0) = its closed form at epoch 0.
    lr_ = base_lr_;
    return;
  }
  step_main(epoch_ - warmup, validation_loss);
}

void LrScheduler::step_main(int e, std::optional<double> validation_loss) {
  const ScheduleConfig& c = config_;
  switch (c.kind) {
    case ScheduleKind::Constant:
      return;
    case ScheduleKind::StepLR:
      if (e % c.step_size == 0) lr_ *= static_cast<double>(c.gamma);
      return;
    case ScheduleKind::ExponentialLR:
      lr_ *= static_cast<double>(c.gamma);
      return;
    case ScheduleKind::CosineAnnealingLR: {
      const double pi = std::numbers::pi;
      const double T = c.T_max, eta_min = c.eta_min;
      if (python_mod(e - 1 - c.T_max, 2 * c.T_max) == 0) {
        lr_ = lr_ + (base_lr_ - eta_min) * (1.0 - std::cos(pi / T)) / 2.0;
      } else {
        lr_ = (1.0 + std::cos(pi * e / T)) / (1.0 + std::cos(pi * (e - 1) / T)) * (lr_ - eta_min) +
              eta_min;
      }
      return;
    }
    case ScheduleKind::ReduceLROnPlateau: {
      if (!validation_loss) return;  // nothing to judge (no validation split)
      const double current = *validation_loss;
      const double best = has_best_ ? best_ : std::numeric_limits<double>::infinity();
      // mode 'min', threshold_mode 'rel'
      if (current < best * (1.0 - static_cast<double>(c.threshold))) {
        best_ = current;
        has_best_ = true;
        bad_epochs_ = 0;
      } else {
        ++bad_epochs_;
      }
      if (cooldown_left_ > 0) {
        --cooldown_left_;
        bad_epochs_ = 0;
      }
      if (bad_epochs_ > c.patience) {
        const double new_lr =
            std::max(lr_ * static_cast<double>(c.factor), static_cast<double>(c.min_lr));
        if (lr_ - new_lr > 1e-8) lr_ = new_lr;
        cooldown_left_ = c.cooldown;
        bad_epochs_ = 0;
      }
      return;
    }
  }
}

LrSchedulerState LrScheduler::state() const {
  return {lr_, epoch_, best_, has_best_, bad_epochs_, cooldown_left_};
}

void LrScheduler::load_state(const LrSchedulerState& s) {
  lr_ = s.lr;
  epoch_ = s.epoch;
  best_ = s.best;
  has_best_ = s.has_best;
  bad_epochs_ = s.bad_epochs;
  cooldown_left_ = s.cooldown_left;
}

}  // namespace bp
