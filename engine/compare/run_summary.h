#pragma once
// The summary table of a comparison: per run, the final and best validation metric, the epoch
// and training time at which it first reached a target, and whether it diverged; repeats of one
// configuration over several seeds as mean and standard deviation. The metric is validation
// accuracy for classification and validation loss for regression (training metrics when the
// dataset has no validation split).
#include <optional>
#include <string>
#include <vector>

#include "engine/compare/run_group.h"

namespace bp {

enum class SummaryMetric : uint8_t { Accuracy, Loss };

struct RunSummary {
  std::string label;
  int config_index = 0;
  uint64_t seed = 0;
  SummaryMetric metric = SummaryMetric::Accuracy;
  bool from_validation = true;  // false: training metrics (no validation split)
  int epochs = 0;
  double final_value = 0.0;  // NaN when no epoch finished
  double best_value = 0.0;
  int best_epoch = 0;
  std::optional<int> target_epoch;  // first epoch that reached the target
  std::optional<double> target_seconds;
  double seconds = 0.0;  // training time of this run alone
  RunStatus status = RunStatus::Running;
  std::string message;
};

// Builds a run's summary one epoch at a time: the studio's summary table follows a running
// comparison by adding the epochs that are new since the last snapshot instead of going over the
// whole history at every refresh. The metric and its source (validation or train) are fixed by
// the first epoch added (every epoch of a run has the same splits).
class RunSummaryBuilder {
 public:
  // target: an accuracy to reach (fraction, e.g. 0.9) or a loss to get under; nullopt: none.
  RunSummaryBuilder(const RunSpec& spec, std::optional<double> target);
  // seconds_at_epoch: the run's own training time after this epoch (NaN: not known).
  void add(const EpochRecord& record, double seconds_at_epoch);
  int epochs() const { return summary_.epochs; }
  RunSummary summary(RunStatus status, const std::string& message, double seconds) const;

 private:
  RunSummary summary_;
  std::optional<double> target_;
};

// target: an accuracy to reach (fraction, e.g. 0.9) or a loss to get under; nullopt: none.
RunSummary summarize_run(const CompareRun& run, std::optional<double> target);
// The same from a copy of a run's history (the studio's snapshots): seconds_at_epoch[k] is the
// run's training time after history[k].
RunSummary summarize_history(const RunSpec& spec, RunStatus status, const std::string& message,
                             const std::vector<EpochRecord>& history,
                             const std::vector<double>& seconds_at_epoch, double seconds,
                             std::optional<double> target);
std::vector<RunSummary> summarize(const RunGroup& group, std::optional<double> target);

// Mean and sample standard deviation (n - 1) of the final and best values over the seeds of each
// configuration, in configuration order.
struct ConfigSummary {
  std::string label;  // the run label without the seed
  int runs = 0, diverged = 0;
  double final_mean = 0.0, final_std = 0.0;
  double best_mean = 0.0, best_std = 0.0;
};
std::vector<ConfigSummary> summarize_configs(const std::vector<RunSummary>& runs);

// CSV: run,seed,metric,source,epochs,final,best,best_epoch,target_epoch,target_seconds,seconds,
// status,message (empty cells where a value does not apply).
inline constexpr const char* kSummaryHeader =
    "run,seed,metric,source,epochs,final,best,best_epoch,target_epoch,target_seconds,seconds,"
    "status,message";
std::string summary_csv(const std::vector<RunSummary>& runs);
// A fixed-width table for a terminal.
std::string summary_table(const std::vector<RunSummary>& runs);

// Mean and standard deviation per epoch of one metric over several curves (multi-seed bands);
// epochs beyond a shorter curve use the curves that reach them.
struct Band {
  std::vector<double> mean, std;
};
Band mean_std_band(const std::vector<std::vector<double>>& curves);

}  // namespace bp
