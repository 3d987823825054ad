#include "app/cli/metrics_csv.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/core/error.h"

namespace bp::cli {
namespace {

std::string cell(double v, bool present) {
  if (!present) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

MetricsCsv::MetricsCsv(const std::string& path) : path_(path), out_(path, std::ios::trunc) {
  if (!out_) throw Error("cannot create '" + path + "': " + std::strerror(errno));
  out_ << kMetricsHeader << '\n';
  out_.flush();
}

void MetricsCsv::append(const EpochRecord& r) {
  const bool val = r.validation.samples > 0;
  out_ << r.epoch << ',' << cell(r.train.loss, true) << ','
       << cell(r.train.accuracy, r.train.accuracy >= 0.0) << ',' << cell(r.validation.loss, val)
       << ',' << cell(r.validation.accuracy, val && r.validation.accuracy >= 0.0) << ','
       << cell(r.lr, true) << ',' << cell(r.seconds, true) << '\n';
  out_.flush();
  if (!out_) throw Error("cannot write '" + path_ + "'");
}

}  // namespace bp::cli
