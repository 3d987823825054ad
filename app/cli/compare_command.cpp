// backprop compare PROJECT --vary VARIABLE=V1,V2,... [--vary ...] [--seeds K]: trains one run
// per value (a grid for several --vary), all from the same initial weights and the same sample
// order (engine/compare/run_group.h), side by side; writes DIR/<run>/metrics.csv per run and
// DIR/summary.csv, and prints the summary table.
#include <atomic>
#include <cctype>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metrics_csv.h"
#include "engine/compare/run_group.h"
#include "engine/compare/run_summary.h"
#include "engine/compare/variation.h"
#include "engine/data/dataset_spec.h"
#include "engine/io/atomic_write.h"

namespace bp::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: backprop compare PROJECT --vary VARIABLE=V1,V2,... [--vary VARIABLE=...]\n"
    "                        [--seeds K] [--epochs N] [--target T] [--out DIR]\n"
    "                        [--threads N] [--backend cpu|cuda|auto] [--from-weights] [--quiet]\n"
    "\n"
    "Trains one run of the project per value (a grid of every combination for several\n"
    "--vary), fairly: every run starts from bitwise the same initial weights (the seed's\n"
    "initialization of the project's network) and sees the training samples in the same order,\n"
    "so the varied setting is the only difference. The runs train side by side; a run that\n"
    "diverges stops alone and is marked. Writes DIR/<run>/metrics.csv per run\n"
    "(epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds) and DIR/summary.csv\n"
    "(run,seed,metric,source,epochs,final,best,best_epoch,target_epoch,target_seconds,seconds,\n"
    "status,message) and prints the summary table.\n"
    "\n"
    "Variables: optimizer, lr, batch_size, init, activation, weight_decay, l1, l2, max_norm,\n"
    "clip_grad_norm, dropout, momentum, seed. Examples:\n"
    "  --vary "
    "optimizer=SGD,SGD(momentum=0.9),SGD(momentum=0.9,nesterov=true),Adagrad,RMSprop,Adam\n"
    "  --vary lr=sweep            (1e-05, 1e-04, ..., 1, 10: the learning-rate range picture)\n"
    "  --vary batch_size=10,50 --vary lr=0.1,0.01   (a grid: 4 runs)\n"
    "An optimizer value of the project's own kind keeps the project's hyperparameters; another\n"
    "kind starts from torch's defaults (Adam: lr 0.001); Kind(name=value,...) sets any of its\n"
    "hyperparameters by torch's names (beta1, beta2 for Adam's betas). init and activation apply\n"
    "to every Linear/Conv weight and every activation (not the output layer's identity); a varied\n"
    "init gives each run its own initial weights.\n"
    "\n"
    "  --seeds K      repeat each configuration with seeds seed..seed+K-1 (runs with the same "
    "seed\n"
    "                 share their start); the table then adds mean ± standard deviation\n"
    "  --epochs N     train N epochs (default training.epochs)\n"
    "  --target T     the summary's time to target: the first epoch whose validation accuracy\n"
    "                 reaches T (a fraction, e.g. 0.9), or whose loss gets under T (regression)\n"
    "  --out DIR      output folder (default ./runs/<project name>-compare)\n"
    "  --threads N    CPU threads for convolution layers (results do not depend on it)\n"
    "  --backend B    cpu (default), cuda or auto\n"
    "  --from-weights start every run from the project's trained weights (its \"weights\", e.g.\n"
    "                 a model.json that `backprop train` wrote) instead of the seed's\n"
    "                 initialization: which optimizer finishes the job best from here\n"
    "  --quiet        no progress lines\n"
    "\n"
    "Exit status: 0 compared (diverged runs are results, marked in the table), 1 no run finished\n"
    "(every run diverged or failed), 2 bad input, 3 interrupted (SIGINT, SIGTERM or SIGHUP: the\n"
    "metrics so far and the table are written).\n";

std::atomic<bool> g_stop{false};

extern "C" void on_compare_signal(int) {
  g_stop.store(true);
}

std::string dir_name(size_t index, const std::string& label) {
  std::string s;
  for (char c : label) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '=';
    s += keep ? c : '_';
  }
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%02zu_", index + 1);
  return prefix + s;
}

std::string safe_stem(const std::string& name) {
  std::string s;
  for (char c : name)
    s += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
  return s.empty() ? std::string("project") : s;
}

// Pulls every "--vary X" / "--vary=X" out of args (parse_args keeps one value per option).
std::vector<std::string> take_vary(std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size();) {
    if (args[i] == "--vary") {
      if (i + 1 >= args.size()) throw UsageError("--vary needs VARIABLE=V1,V2,...");
      out.push_back(args[i + 1]);
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                 args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    } else if (args[i].rfind("--vary=", 0) == 0) {
      out.push_back(args[i].substr(7));
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
  return out;
}

Variation parse_vary(const std::string& text) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError("--vary " + text + ": expected VARIABLE=V1,V2,... (e.g. optimizer=SGD,Adam)");
  const std::string name = text.substr(0, eq);
  const auto variable = parse_compare_variable(name);
  if (!variable) {
    std::string known;
    for (CompareVariable v : all_compare_variables())
      known += (known.empty() ? "" : ", ") + compare_variable_name(v);
    throw UsageError("--vary: unknown variable '" + name + "' (variables: " + known + ")");
  }
  Variation v;
  v.variable = *variable;
  for (const std::string& value : split_values(text.substr(eq + 1)))
    if (!value.empty()) v.values.push_back(value);
  if (v.values.empty()) throw UsageError("--vary " + name + ": no values after '='");
  return v;
}

}  // namespace

int run_compare(const std::vector<std::string>& argv) {
  std::vector<std::string> rest = argv;
  const std::vector<std::string> varies = take_vary(rest);
  const ParsedArgs args = parse_args("compare", rest,
                                     {{"seeds"},
                                      {"epochs"},
                                      {"target"},
                                      {"out"},
                                      {"threads"},
                                      {"backend"},
                                      {"quiet", false},
                                      {"from-weights", false}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (varies.empty() && !args.value("seeds"))
    throw UsageError(
        "compare needs at least one --vary VARIABLE=V1,V2,... (or --seeds K); see backprop "
        "compare --help");
  std::vector<Variation> variations;
  for (const std::string& v : varies) variations.push_back(parse_vary(v));
  const Project project = load_project(args);
  const std::string& origin = *args.project;
  TrainConfig config = project.training;
  if (auto e = args.int_value("epochs", 1, 10000000)) config.epochs = static_cast<int>(*e);
  if (auto t = args.int_value("threads", 1, 256)) config.threads = static_cast<int>(*t);
  const int seeds = static_cast<int>(args.int_value("seeds", 1, 100).value_or(1));
  std::optional<double> target;
  if (auto t = args.value("target")) {
    char* end = nullptr;
    const double v = std::strtod(t->c_str(), &end);
    if (t->empty() || end != t->c_str() + t->size() || !std::isfinite(v))
      throw UsageError("--target " + *t + ": expected a number (e.g. 0.9 for 90% accuracy)");
    target = v;
  }
  const bool quiet = args.flag("quiet");
  if (!check_network(project.network, origin)) return static_cast<int>(ExitCode::BadInput);
  std::vector<RunSpec> runs = make_runs(project.network, config, variations, seeds);
  if (runs.size() > 64)
    throw UsageError("the comparison has " + std::to_string(runs.size()) +
                     " runs; at most 64 (fewer values or seeds)");
  for (const RunSpec& r : runs)
    if (!check_network(r.network, origin + " (" + r.label + ")"))
      return static_cast<int>(ExitCode::BadInput);

  auto backend = make_backend(args.value("backend").value_or("cpu"), config.threads);
  const DatasetSplits data = load_dataset(project.dataset);
  check_data_fits(project.network, data, origin);
  if (data.train.size() == 0) throw Error(origin + ": the training split is empty");
  const fs::path out = args.value("out").value_or(
      (fs::path("runs") /
       (safe_stem(project.name.empty() ? fs::path(origin).stem().string() : project.name) +
        "-compare"))
          .string());
  fs::create_directories(out);

  RunGroupOptions options;
  options.record_weights_every = 0;  // the CLI draws no landscape
  const bool from_weights = args.flag("from-weights");
  if (from_weights) {
    if (project.weights.empty())
      throw UsageError(origin +
                       " has no trained weights: train it first (backprop train writes "
                       "model.json), or drop --from-weights to start from the initialization");
    options.initial_weights = project.weights;
  }
  RunGroup group(std::move(runs), data, *backend, options);
  if (!quiet) {
    std::printf("comparing %zu runs on %s for %d epochs (%s, same sample order):\n", group.size(),
                origin.c_str(), config.epochs,
                from_weights ? "every run from the project's trained weights"
                             : "same initial weights per seed");
    for (size_t i = 0; i < group.size(); ++i)
      std::printf("  %2zu  %s\n", i + 1, group.run(i).spec.label.c_str());
    std::fflush(stdout);
  }
  std::signal(SIGINT, on_compare_signal);
  std::signal(SIGTERM, on_compare_signal);
  std::signal(SIGHUP, on_compare_signal);

  std::vector<RunStatus> reported(group.size(), RunStatus::Running);
  int shown_epoch = 0;
  while (!g_stop.load() && group.advance(64) > 0) {
    if (quiet) continue;
    int level = config.epochs;
    for (size_t i = 0; i < group.size(); ++i)
      if (group.run(i).status == RunStatus::Running)
        level = std::min(level, group.run(i).trainer->epoch());
    if (level > shown_epoch &&
        (level - shown_epoch >= std::max(1, config.epochs / 20) || level == config.epochs)) {
      shown_epoch = level;
      std::printf("epoch %d/%d\n", level, config.epochs);
    }
    for (size_t i = 0; i < group.size(); ++i) {
      const CompareRun& r = group.run(i);
      if (r.status != reported[i] &&
          (r.status == RunStatus::Diverged || r.status == RunStatus::Failed)) {
        std::printf("run %zu (%s) %s at epoch %d: %s\n", i + 1, r.spec.label.c_str(),
                    to_string(r.status).c_str(), r.trainer->epoch(), r.message.c_str());
      }
      reported[i] = r.status;
    }
    std::fflush(stdout);
  }

  for (size_t i = 0; i < group.size(); ++i) {
    const fs::path dir = out / dir_name(i, group.run(i).spec.label);
    fs::create_directories(dir);
    write_metrics_csv((dir / "metrics.csv").string(), group.run(i).history.records());
  }
  const std::vector<RunSummary> summary = summarize(group, target);
  atomic_write_file((out / "summary.csv").string(), summary_csv(summary));
  std::printf("\n%s", summary_table(summary).c_str());
  if (seeds > 1) {
    std::printf("\nover %d seeds (mean ± standard deviation):\n", seeds);
    const bool acc = !summary.empty() && summary.front().metric == SummaryMetric::Accuracy;
    for (const ConfigSummary& c : summarize_configs(summary)) {
      const std::string diverged =
          c.diverged ? "  (" + std::to_string(c.diverged) + " diverged)" : std::string();
      if (acc)
        std::printf("  %-40s final %.2f%% ± %.2f%%  best %.2f%% ± %.2f%%%s\n", c.label.c_str(),
                    100.0 * c.final_mean, 100.0 * c.final_std, 100.0 * c.best_mean,
                    100.0 * c.best_std, diverged.c_str());
      else
        std::printf("  %-40s final %.5g ± %.3g  best %.5g ± %.3g%s\n", c.label.c_str(),
                    c.final_mean, c.final_std, c.best_mean, c.best_std, diverged.c_str());
    }
  }
  std::printf("wrote %s and %zu metrics files under %s\n", (out / "summary.csv").c_str(),
              group.size(), out.c_str());
  std::fflush(stdout);
  if (g_stop.load()) {
    print_note("interrupted: the metrics so far and the summary are written");
    return static_cast<int>(ExitCode::Interrupted);
  }
  bool any_finished = false;
  for (size_t i = 0; i < group.size(); ++i) {
    const RunStatus s = group.run(i).status;
    any_finished = any_finished || s == RunStatus::Finished || s == RunStatus::StoppedEarly;
  }
  if (!any_finished) {
    print_error(
        "no run finished: every run diverged or failed (see the table; try lower learning rates "
        "or training.regularization.clip_grad_norm)");
    return static_cast<int>(ExitCode::TrainingFailed);
  }
  return 0;
}

}  // namespace bp::cli
