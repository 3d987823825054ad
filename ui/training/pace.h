#pragma once
// Pace: how fast a run steps, so a class can watch it learn. From "one step per frame" (every
// frame the views show exactly one more update) through steps-per-second presets up to "as fast
// as possible". The worker's slice loop asks a PaceGate how many steps it may take now.
#include <QString>
#include <chrono>
#include <cstdint>
#include <vector>

namespace bp::ui {

enum class PaceMode : uint8_t {
  OneStepPerFrame,  // one step, then a snapshot, then wait for the next frame
  StepsPerSecond,   // at most `steps_per_second` steps each second
  Unlimited,        // as fast as possible
};

struct Pace {
  PaceMode mode = PaceMode::StepsPerSecond;
  int steps_per_second = 200;  // StepsPerSecond only

  bool operator==(const Pace&) const = default;
};

// The toolbar's choices, slowest first, and the default (the starter spiral learns visibly in
// 10-20 s: 70 steps per epoch at batch 10, 90-98 % accuracy after 30-45 epochs).
const std::vector<Pace>& pace_presets();
Pace default_pace();
// "1 step / frame", "500 steps/s", "As fast as possible".
QString pace_label(const Pace& pace);
// The frame period of the views (30 frames per second).
constexpr std::chrono::milliseconds kFramePeriod{33};

// Tells the slice loop how many steps it may take now to hold the pace, and how long to wait
// before the next slice. A stall (a slow snapshot) never turns into a burst: the backlog is
// capped at one frame's worth of steps.
class PaceGate {
 public:
  using Clock = std::chrono::steady_clock;

  void start(const Pace& pace, Clock::time_point now);
  // Steps allowed now (INT64_MAX for Unlimited).
  int64_t allowed(Clock::time_point now);
  void taken(int64_t steps) { taken_ += steps; }
  // How long the loop should wait before it slices again (zero: go on at once).
  std::chrono::milliseconds wait(Clock::time_point now) const;
  const Pace& pace() const { return pace_; }

 private:
  Pace pace_;
  Clock::time_point start_{};
  int64_t taken_ = 0;
};

}  // namespace bp::ui
