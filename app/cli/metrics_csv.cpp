#include "app/cli/metrics_csv.h"

#include <cstdio>

#include "engine/io/atomic_write.h"

namespace bp::cli {
namespace {

std::string cell(double v, bool present) {
  if (!present) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

std::string metrics_csv_text(const std::vector<EpochRecord>& history) {
  std::string out = std::string(kMetricsHeader) + "\n";
  for (const EpochRecord& r : history) {
    const bool val = r.validation.samples > 0;
    out += std::to_string(r.epoch) + ',' + cell(r.train.loss, true) + ',' +
           cell(r.train.accuracy, r.train.accuracy >= 0.0) + ',' + cell(r.validation.loss, val) +
           ',' + cell(r.validation.accuracy, val && r.validation.accuracy >= 0.0) + ',' +
           cell(r.lr, true) + ',' + cell(r.seconds, true) + '\n';
  }
  return out;
}

void write_metrics_csv(const std::string& path, const std::vector<EpochRecord>& history) {
  atomic_write_file(path, metrics_csv_text(history));
}

}  // namespace bp::cli
