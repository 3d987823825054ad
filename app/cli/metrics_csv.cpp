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

std::string metrics_csv_text(const std::vector<EpochRecord>& history,
                             const GradNormColumns* grad_norms) {
  std::string out = kMetricsHeader;
  if (grad_norms)
    for (const std::string& name : grad_norms->names) out += ",grad_norm." + name;
  out += '\n';
  for (const EpochRecord& r : history) {
    const bool val = r.validation.samples > 0;
    out += std::to_string(r.epoch) + ',' + cell(r.train.loss, true) + ',' +
           cell(r.train.accuracy, r.train.accuracy >= 0.0) + ',' + cell(r.validation.loss, val) +
           ',' + cell(r.validation.accuracy, val && r.validation.accuracy >= 0.0) + ',' +
           cell(r.lr, true) + ',' + cell(r.seconds, true);
    if (grad_norms) {
      const auto it = grad_norms->by_epoch.find(r.epoch);
      for (size_t i = 0; i < grad_norms->names.size(); ++i)
        out += ',' + cell(it == grad_norms->by_epoch.end() ? 0.0 : it->second.at(i),
                          it != grad_norms->by_epoch.end());
    }
    out += '\n';
  }
  return out;
}

void write_metrics_csv(const std::string& path, const std::vector<EpochRecord>& history,
                       const GradNormColumns* grad_norms) {
  atomic_write_file(path, metrics_csv_text(history, grad_norms));
}

}  // namespace bp::cli
