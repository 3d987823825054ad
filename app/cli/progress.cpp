#include "app/cli/progress.h"

#include <unistd.h>

#include <algorithm>

namespace bp::cli {
namespace {

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

std::string format_metrics(const Metrics& m, const std::string& prefix) {
  std::string s = prefix + "loss " + fmt("%.4f", m.loss);
  if (m.accuracy >= 0.0) s += "  " + prefix + "acc " + fmt("%.1f%%", 100.0 * m.accuracy);
  return s;
}

std::string format_epoch_line(const EpochRecord& r, int total_epochs) {
  std::string s = "epoch " + std::to_string(r.epoch) + "/" + std::to_string(total_epochs) + "  ";
  s += format_metrics(r.train);
  if (r.validation.samples > 0) s += "  " + format_metrics(r.validation, "val_");
  s += "  lr " + fmt("%.4g", r.lr) + "  " + fmt("%.1f s", r.seconds);
  return s;
}

Progress::Progress(std::FILE* out, bool quiet, int total_epochs)
    : out_(out), quiet_(quiet), tty_(::isatty(::fileno(out)) != 0), total_(total_epochs) {}

void Progress::epoch(const EpochRecord& record) {
  if (quiet_) return;
  const std::string line = format_epoch_line(record, total_);
  if (!tty_) {
    std::fprintf(out_, "%s\n", line.c_str());
    std::fflush(out_);
    return;
  }
  constexpr int kWidth = 24;
  const int filled = total_ > 0 ? std::clamp(kWidth * record.epoch / total_, 0, kWidth) : kWidth;
  const std::string bar = std::string(static_cast<size_t>(filled), '#') +
                          std::string(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(out_, "\r\033[K[%s] %s", bar.c_str(), line.c_str());
  std::fflush(out_);
  bar_open_ = true;
}

void Progress::finish() {
  if (bar_open_) std::fprintf(out_, "\n");
  bar_open_ = false;
  std::fflush(out_);
}

}  // namespace bp::cli
