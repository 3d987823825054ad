#include "ui/training/pace.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <limits>

namespace bp::ui {

const std::vector<Pace>& pace_presets() {
  static const std::vector<Pace> presets = {
      {PaceMode::OneStepPerFrame, 0},    {PaceMode::StepsPerSecond, 10},
      {PaceMode::StepsPerSecond, 50},    {PaceMode::StepsPerSecond, 200},
      {PaceMode::StepsPerSecond, 500},   {PaceMode::StepsPerSecond, 2000},
      {PaceMode::StepsPerSecond, 10000}, {PaceMode::Unlimited, 0},
  };
  return presets;
}

Pace default_pace() {
  // The starter spiral (70 steps per epoch) passes 90 % accuracy near epoch 30 and 98 % near
  // epoch 45 (backprop train, 2026-11-27): at 200 steps/s that is 11 s and 16 s.
  return {PaceMode::StepsPerSecond, 200};
}

QString pace_label(const Pace& pace) {
  switch (pace.mode) {
    case PaceMode::OneStepPerFrame:
      return QCoreApplication::translate("Pace", "1 step / frame");
    case PaceMode::Unlimited:
      return QCoreApplication::translate("Pace", "As fast as possible");
    case PaceMode::StepsPerSecond:
      break;
  }
  return QCoreApplication::translate("Pace", "%1 steps/s").arg(pace.steps_per_second);
}

void PaceGate::start(const Pace& pace, Clock::time_point now) {
  pace_ = pace;
  start_ = now;
  taken_ = 0;
}

int64_t PaceGate::allowed(Clock::time_point now) {
  switch (pace_.mode) {
    case PaceMode::Unlimited:
      return std::numeric_limits<int64_t>::max();
    case PaceMode::OneStepPerFrame:
      return now - start_ >= kFramePeriod * taken_ ? 1 : 0;
    case PaceMode::StepsPerSecond:
      break;
  }
  const double rate = std::max(1, pace_.steps_per_second);
  const double seconds = std::chrono::duration<double>(now - start_).count();
  int64_t due = static_cast<int64_t>(std::floor(seconds * rate)) + 1;  // the first step at once
  // A stall never becomes a burst: keep at most one frame's worth of steps owed.
  const auto frame = static_cast<int64_t>(std::ceil(rate * 0.033));
  if (due - taken_ > frame) {
    const int64_t skip = due - taken_ - frame;
    start_ += std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(static_cast<double>(skip) / rate));
    due -= skip;
  }
  return std::max<int64_t>(0, due - taken_);
}

std::chrono::milliseconds PaceGate::wait(Clock::time_point now) const {
  using std::chrono::milliseconds;
  switch (pace_.mode) {
    case PaceMode::Unlimited:
      return milliseconds(0);
    case PaceMode::OneStepPerFrame: {
      const auto next = start_ + kFramePeriod * taken_;
      return std::clamp(std::chrono::duration_cast<milliseconds>(next - now), milliseconds(0),
                        kFramePeriod);
    }
    case PaceMode::StepsPerSecond:
      break;
  }
  const double rate = std::max(1, pace_.steps_per_second);
  const auto next = start_ + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(static_cast<double>(taken_) / rate));
  // Wake at least every half frame so snapshots keep the views at >= 30 fps.
  return std::clamp(std::chrono::duration_cast<milliseconds>(next - now), milliseconds(1),
                    milliseconds(16));
}

}  // namespace bp::ui
