#include "engine/compare/run_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <tuple>

namespace bp {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string without_seed(const std::string& label) {
  const size_t at = label.rfind(" seed=");
  return at == std::string::npos ? label : label.substr(0, at);
}

}  // namespace

RunSummary summarize_run(const CompareRun& run, std::optional<double> target) {
  RunSummaryBuilder builder(run.spec, target);
  for (size_t k = 0; k < run.history.size(); ++k)
    builder.add(run.history[k], run.history.seconds_at(k));
  return builder.summary(run.status, run.message, run.seconds);
}

RunSummaryBuilder::RunSummaryBuilder(const RunSpec& spec, std::optional<double> target)
    : target_(target) {
  summary_.label = spec.label;
  summary_.config_index = spec.config_index;
  summary_.seed = spec.config.seed;
  summary_.final_value = summary_.best_value = kNaN;
}

void RunSummaryBuilder::add(const EpochRecord& record, double seconds_at_epoch) {
  RunSummary& s = summary_;
  if (s.epochs == 0) {
    s.from_validation = record.validation.samples > 0;
    const Metrics& m = s.from_validation ? record.validation : record.train;
    s.metric = m.accuracy >= 0.0 ? SummaryMetric::Accuracy : SummaryMetric::Loss;
  }
  ++s.epochs;
  const bool higher_better = s.metric == SummaryMetric::Accuracy;
  const Metrics& m = s.from_validation ? record.validation : record.train;
  const double v = higher_better ? m.accuracy : m.loss;
  s.final_value = v;
  if (std::isfinite(v) &&
      (!std::isfinite(s.best_value) || (higher_better ? v > s.best_value : v < s.best_value))) {
    s.best_value = v;
    s.best_epoch = record.epoch;
  }
  if (target_ && !s.target_epoch && std::isfinite(v) &&
      (higher_better ? v >= *target_ : v <= *target_)) {
    s.target_epoch = record.epoch;
    if (std::isfinite(seconds_at_epoch)) s.target_seconds = seconds_at_epoch;
  }
}

RunSummary RunSummaryBuilder::summary(RunStatus status, const std::string& message,
                                      double seconds) const {
  RunSummary s = summary_;
  s.status = status;
  s.message = message;
  s.seconds = seconds;
  return s;
}

RunSummary summarize_history(const RunSpec& spec, RunStatus status, const std::string& message,
                             const std::vector<EpochRecord>& history,
                             const std::vector<double>& seconds_at_epoch, double seconds,
                             std::optional<double> target) {
  RunSummaryBuilder builder(spec, target);
  for (size_t k = 0; k < history.size(); ++k)
    builder.add(history[k], k < seconds_at_epoch.size() ? seconds_at_epoch[k] : kNaN);
  return builder.summary(status, message, seconds);
}

std::vector<RunSummary> summarize(const RunGroup& group, std::optional<double> target) {
  std::vector<RunSummary> out;
  for (size_t i = 0; i < group.size(); ++i) out.push_back(summarize_run(group.run(i), target));
  return out;
}

std::vector<ConfigSummary> summarize_configs(const std::vector<RunSummary>& runs) {
  std::map<int, std::vector<const RunSummary*>> by_config;
  for (const RunSummary& r : runs) by_config[r.config_index].push_back(&r);
  std::vector<ConfigSummary> out;
  for (const auto& [index, group] : by_config) {
    ConfigSummary c;
    c.label = without_seed(group.front()->label);
    std::vector<std::vector<double>> finals(1), bests(1);
    for (const RunSummary* r : group) {
      ++c.runs;
      if (r->status == RunStatus::Diverged) ++c.diverged;
      finals[0].push_back(r->final_value);
      bests[0].push_back(r->best_value);
    }
    auto stats = [](const std::vector<double>& v) {
      double mean = 0.0;
      for (double x : v) mean += x;
      mean /= static_cast<double>(v.size());
      double var = 0.0;
      for (double x : v) var += (x - mean) * (x - mean);
      const double n = static_cast<double>(v.size());
      return std::pair{mean, v.size() > 1 ? std::sqrt(var / (n - 1.0)) : 0.0};
    };
    std::tie(c.final_mean, c.final_std) = stats(finals[0]);
    std::tie(c.best_mean, c.best_std) = stats(bests[0]);
    out.push_back(c);
  }
  return out;
}

std::string summary_csv(const std::vector<RunSummary>& runs) {
  std::string out = std::string(kSummaryHeader) + "\n";
  for (const RunSummary& r : runs) {
    out += csv_cell(r.label) + "," + std::to_string(r.seed) + "," +
           (r.metric == SummaryMetric::Accuracy ? "accuracy" : "loss") + "," +
           (r.from_validation ? "validation" : "train") + "," + std::to_string(r.epochs) + "," +
           num(r.final_value) + "," + num(r.best_value) + "," +
           (r.epochs > 0 ? std::to_string(r.best_epoch) : "") + "," +
           (r.target_epoch ? std::to_string(*r.target_epoch) : "") + "," +
           (r.target_seconds ? num(*r.target_seconds) : "") + "," + num(r.seconds) + "," +
           to_string(r.status) + "," + csv_cell(r.message) + "\n";
  }
  return out;
}

std::string summary_table(const std::vector<RunSummary>& runs) {
  size_t width = 3;
  for (const RunSummary& r : runs) width = std::max(width, r.label.size());
  std::string out;
  char line[512];
  const bool acc = !runs.empty() && runs.front().metric == SummaryMetric::Accuracy;
  const char* what = acc ? "acc" : "loss";
  std::snprintf(line, sizeof line, "%-*s  %6s  %10s  %10s  %6s  %8s  %8s  %s\n",
                static_cast<int>(width), "run", "epochs", (std::string("final ") + what).c_str(),
                (std::string("best ") + what).c_str(), "best@", "target@", "time s", "status");
  out += line;
  for (const RunSummary& r : runs) {
    auto v = [&](double x) {
      if (!std::isfinite(x)) return std::string("-");
      char b[32];
      if (r.metric == SummaryMetric::Accuracy)
        std::snprintf(b, sizeof b, "%.2f%%", 100.0 * x);
      else
        std::snprintf(b, sizeof b, "%.5g", x);
      return std::string(b);
    };
    std::snprintf(line, sizeof line, "%-*s  %6d  %10s  %10s  %6s  %8s  %8.2f  %s\n",
                  static_cast<int>(width), r.label.c_str(), r.epochs, v(r.final_value).c_str(),
                  v(r.best_value).c_str(),
                  r.epochs > 0 ? std::to_string(r.best_epoch).c_str() : "-",
                  r.target_epoch ? std::to_string(*r.target_epoch).c_str() : "-", r.seconds,
                  to_string(r.status).c_str());
    out += line;
  }
  return out;
}

Band mean_std_band(const std::vector<std::vector<double>>& curves) {
  Band b;
  size_t len = 0;
  for (const auto& c : curves) len = std::max(len, c.size());
  for (size_t k = 0; k < len; ++k) {
    double sum = 0.0;
    int n = 0;
    for (const auto& c : curves)
      if (k < c.size() && std::isfinite(c[k])) sum += c[k], ++n;
    const double mean = n ? sum / n : kNaN;
    double var = 0.0;
    for (const auto& c : curves)
      if (k < c.size() && std::isfinite(c[k])) var += (c[k] - mean) * (c[k] - mean);
    b.mean.push_back(mean);
    b.std.push_back(n > 1 ? std::sqrt(var / (n - 1)) : 0.0);
  }
  return b;
}

}  // namespace bp
