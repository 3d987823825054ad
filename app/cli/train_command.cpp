// backprop train PROJECT: trains the project's network on its dataset, per-epoch lines,
// DIR/metrics.csv, DIR/model.json (the project with trained weights), final test metrics;
// --seeds K repeats with seeds seed..seed+K-1 and reports mean +- standard deviation.
#include <atomic>
#include <cctype>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metrics_csv.h"
#include "app/cli/progress.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/io/atomic_write.h"
#include "engine/train/trainer.h"

namespace bp::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: backprop train PROJECT [--epochs N] [--seed N] [--threads N]\n"
    "                      [--backend cpu|cuda|auto] [--out DIR] [--seeds K] [--quiet]\n"
    "\n"
    "Trains the project's network on its dataset and prints one line per epoch (a progress\n"
    "bar on a terminal), then the test loss and accuracy. Writes DIR/metrics.csv\n"
    "(epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds) and DIR/model.json\n"
    "(the project with its trained weights; `backprop evaluate DIR/model.json` reads it).\n"
    "\n"
    "  --epochs N     override training.epochs\n"
    "  --seed N       override training.seed (initial weights, shuffling, dropout)\n"
    "  --threads N    CPU threads for convolution layers (results do not depend on it)\n"
    "  --backend B    cpu (default); cuda and auto: the CUDA backend is not in this build\n"
    "  --out DIR      output folder (default ./runs/<project name>)\n"
    "  --seeds K      K runs with seeds seed..seed+K-1, each in DIR/seed-<s>/, then the mean\n"
    "                 and standard deviation of the final metrics\n"
    "  --quiet        no per-epoch output\n"
    "\n"
    "Exit status: 0 trained, 1 training failed (diverged), 2 bad input. Ctrl-C stops after\n"
    "the current epoch and still writes the results so far.\n";

std::atomic<bool> g_stop{false};

extern "C" void on_interrupt(int) {
  g_stop.store(true);
}

std::string safe_name(const std::string& name) {
  std::string s;
  for (char c : name)
    s +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '-';
  return s.empty() || s == "." || s == ".." ? std::string("project") : s;
}

struct RunResult {
  ExitCode code = ExitCode::Ok;
  Metrics test;
  Metrics train;
};

RunResult train_one(const Project& project, const TrainConfig& config, const DatasetSplits& data,
                    Backend& backend, const fs::path& dir, bool quiet) {
  RunResult result;
  fs::create_directories(dir);
  Model model(project.network, backend, config.seed);
  Trainer trainer(model, data, config);
  trainer.set_augmentation(project.dataset);  // jitter / shifts / rotations / noise, as set
  MetricsCsv csv((dir / "metrics.csv").string());
  Progress progress(stdout, quiet, config.epochs);
  bool ok = false;
  try {
    ok = trainer.run(
        [&](const EpochRecord& r) {
          csv.append(r);
          progress.epoch(r);
        },
        &g_stop);
  } catch (const Error& e) {
    progress.finish();
    print_error(std::string("training failed: ") + e.what());
    result.code = ExitCode::TrainingFailed;
    return result;
  }
  progress.finish();
  if (!ok) {
    const std::string why = trainer.divergence_message();
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", static_cast<double>(config.optimizer.lr));
    print_error("training diverged at epoch " + std::to_string(trainer.epoch() + 1) +
                ": the loss became NaN or infinite" + (why.empty() ? "" : " (" + why + ")") +
                ". Try a lower learning rate (training.optimizer.lr is " + lr +
                "), gradient clipping (training.regularization.clip_grad_norm, e.g. 1.0), or "
                "normalised inputs (dataset.standardize: true)");
    result.code = ExitCode::TrainingFailed;
    return result;
  }
  if (g_stop.load()) print_note("interrupted: writing the results so far");
  if (trainer.stopped_early()) std::printf("early stopping after epoch %d\n", trainer.epoch());
  if (!trainer.history().empty()) result.train = trainer.history().back().train;

  Project trained = project;
  trained.training = config;
  trained.weights = model.params().to_host(backend);
  for (const auto& [name, values] : trained.weights)
    for (float v : values)
      if (!std::isfinite(v)) {
        print_error("training failed: parameter " + name +
                    " is not finite; try a lower learning rate or gradient clipping");
        result.code = ExitCode::TrainingFailed;
        return result;
      }
  if (data.test.size() > 0) {
    result.test = trainer.evaluate(data.test);
    std::printf("test  %s  (%lld samples)\n", format_metrics(result.test).c_str(),
                static_cast<long long>(result.test.samples));
  } else {
    print_note("the dataset has no test split; no test metrics");
  }
  write_project(trained, (dir / "model.json").string());
  std::printf("wrote %s and %s\n", (dir / "metrics.csv").c_str(), (dir / "model.json").c_str());
  std::fflush(stdout);
  return result;
}

// Mean and sample standard deviation (n - 1) of one metric over the seeds.
std::pair<double, double> mean_std(const std::vector<double>& v) {
  double mean = 0.0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double var = 0.0;
  for (double x : v) var += (x - mean) * (x - mean);
  const double n = static_cast<double>(v.size());
  return {mean, v.size() > 1 ? std::sqrt(var / (n - 1.0)) : 0.0};
}

}  // namespace

int run_train(const std::vector<std::string>& argv) {
  const ParsedArgs args = parse_args(
      "train", argv,
      {{"epochs"}, {"seed"}, {"threads"}, {"backend"}, {"out"}, {"seeds"}, {"quiet", false}});
  if (args.help) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  const Project project = load_project(args);
  const std::string& origin = *args.project;
  TrainConfig config = project.training;
  if (auto e = args.int_value("epochs", 1, 10000000)) config.epochs = static_cast<int>(*e);
  if (auto s = args.int_value("seed", 0, INT64_MAX)) config.seed = static_cast<uint64_t>(*s);
  if (auto t = args.int_value("threads", 1, 256)) config.threads = static_cast<int>(*t);
  const int seeds = static_cast<int>(args.int_value("seeds", 1, 1000).value_or(1));
  const bool quiet = args.flag("quiet");
  auto backend = make_backend(args.value("backend").value_or("cpu"), config.threads);
  if (!check_network(project.network, origin)) return static_cast<int>(ExitCode::BadInput);
  const fs::path out = args.value("out").value_or(
      (fs::path("runs") /
       safe_name(project.name.empty() ? fs::path(origin).stem().string() : project.name))
          .string());

  const DatasetSplits data = load_dataset(project.dataset);
  check_data_fits(project.network, data, origin);
  if (data.train.size() == 0) throw Error(origin + ": the training split is empty");
  std::signal(SIGINT, on_interrupt);

  std::vector<double> test_loss, test_acc, train_loss;
  for (int k = 0; k < seeds && !g_stop.load(); ++k) {
    TrainConfig run = config;
    run.seed = config.seed + static_cast<uint64_t>(k);
    const fs::path dir = seeds == 1 ? out : out / ("seed-" + std::to_string(run.seed));
    if (seeds > 1 && !quiet)
      std::printf("== seed %llu\n", static_cast<unsigned long long>(run.seed));
    const RunResult r = train_one(project, run, data, *backend, dir, quiet);
    if (r.code != ExitCode::Ok) return static_cast<int>(r.code);
    test_loss.push_back(r.test.loss);
    test_acc.push_back(r.test.accuracy);
    train_loss.push_back(r.train.loss);
  }
  if (seeds > 1 && !test_loss.empty()) {
    const auto [tl, tl_sd] = mean_std(test_loss);
    const auto [ta, ta_sd] = mean_std(test_acc);
    const auto [rl, rl_sd] = mean_std(train_loss);
    std::printf("over %zu seeds (mean ± standard deviation):\n", test_loss.size());
    std::printf("  train_loss %.4f ± %.4f\n  test_loss  %.4f ± %.4f\n", rl, rl_sd, tl, tl_sd);
    if (ta >= 0.0) std::printf("  test_acc   %.2f%% ± %.2f%%\n", 100.0 * ta, 100.0 * ta_sd);
    nlohmann::json summary = {
        {"seeds", test_loss.size()},
        {"first_seed", config.seed},
        {"train_loss", {{"mean", rl}, {"std", rl_sd}}},
        {"test_loss", {{"mean", tl}, {"std", tl_sd}}},
    };
    if (ta >= 0.0) summary["test_accuracy"] = {{"mean", ta}, {"std", ta_sd}};
    atomic_write_file((out / "summary.json").string(), summary.dump(2) + "\n");
  }
  return 0;
}

}  // namespace bp::cli
