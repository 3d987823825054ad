// backprop train PROJECT: trains the project's network on its dataset, per-epoch lines,
// DIR/metrics.csv, DIR/model.json (the project with trained weights), final test metrics;
// --seeds K repeats with seeds seed..seed+K-1 and reports mean +- standard deviation.
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/health_lines.h"
#include "app/cli/metrics_csv.h"
#include "app/cli/progress.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/io/atomic_write.h"
#include "engine/train/health/health_watch.h"
#include "engine/train/trainer.h"

namespace bp::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: backprop train PROJECT [--epochs N] [--seed N] [--reinit] [--threads N]\n"
    "                      [--backend cpu|cuda|auto] [--out DIR] [--seeds K] [--quiet]\n"
    "                      [--checkpoint-every N]\n"
    "       backprop train --resume DIR [--quiet]\n"
    "\n"
    "Trains the project's network on its dataset and prints one line per epoch (a progress\n"
    "bar on a terminal), then the test loss and accuracy. Writes DIR/metrics.csv\n"
    "(epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds, then grad_norm.<param>:\n"
    "each parameter's gradient norm at the epoch's last step) and DIR/model.json (the project\n"
    "with its trained weights and training state; `backprop evaluate DIR/model.json` reads it).\n"
    "Training-health findings (dead ReLUs, saturated units, vanishing or exploding gradients, a\n"
    "loss plateau, overfitting, NaN/Inf, zero gradients) are printed as they appear.\n"
    "\n"
    "A project with weights (a model.json written by train or saved by the studio) continues\n"
    "from them: with its training state (optimizer buffers, schedule, epoch and step counts,\n"
    "random streams) it goes on exactly as if training had never stopped, for N more epochs;\n"
    "metrics.csv then holds the whole history. --reinit starts from the seed's initialization.\n"
    "\n"
    "  --epochs N     train N epochs (default training.epochs)\n"
    "  --reinit       ignore the project's weights and state: start from the seed's initial "
    "weights\n"
    "  --seed N       override training.seed (initial weights with --reinit, shuffling, dropout)\n"
    "  --threads N    CPU threads for convolution layers (results do not depend on it)\n"
    "  --backend B    cpu (default); cuda and auto: the CUDA backend is not in this build\n"
    "  --out DIR      output folder (default ./runs/<project name>)\n"
    "  --seeds K      K runs with seeds seed..seed+K-1, each from its seed's initialization in\n"
    "                 DIR/seed-<s>/, then the mean and standard deviation of the final metrics\n"
    "  --quiet        no per-epoch output\n"
    "  --checkpoint-every N  write DIR/model.json and DIR/metrics.csv every N epochs, at most\n"
    "                 once per 30 s (default 1; 0: only at the end)\n"
    "  --resume DIR   finish the run whose checkpoint is DIR/model.json (after a kill, Ctrl-C\n"
    "                 or a crash): bitwise the same as a run that never stopped\n"
    "\n"
    "Exit status: 0 trained, 1 training failed (diverged: the loss became NaN/Inf or grew\n"
    "1000-fold), 2 bad input, 3 interrupted (SIGINT, SIGTERM or SIGHUP stop after the current\n"
    "step and write the latest state; --resume DIR goes on).\n";

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
constexpr auto kCheckpointInterval = std::chrono::seconds(30);

extern "C" void on_stop_signal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
}

const char* signal_name(int sig) {
  switch (sig) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "a signal";
  }
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

// Where a run starts: the seed's initialization, or the project's weights (and state).
enum class StartFrom { Seed, ProjectWeights };

struct RunOptions {
  bool quiet = false;
  StartFrom start = StartFrom::ProjectWeights;
  bool resume = false;       // finish the run the state records (its target epoch)
  int checkpoint_every = 1;  // epochs between checkpoints (0: only at the end)
};

// Temporary files a killed writer left behind (atomic_write_file's <name>.tmp-XXXXXXXX).
void remove_orphan_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (const char* name : {"model.json", "metrics.csv"})
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string file = entry.path().filename().string();
      if (file.rfind(atomic_temp_prefix(name), 0) == 0) fs::remove(entry.path(), ec);
    }
}

// About how large model.json grows: the weights as JSON text (~20 bytes a value) and the
// optimizer's buffers and early stopping's copy as base64 (~5.4 bytes a value).
uint64_t checkpoint_size_estimate(const Project& project, const TrainConfig& config) {
  uint64_t values = 0;
  for (const auto& [name, shape] : parameter_shapes(project.network))
    values += static_cast<uint64_t>(shape.numel());
  const uint64_t buffers = 3 + (config.regularization.early_stopping.enabled ? 1 : 0);
  return values * 20 + values * buffers * 6 + (1u << 16);
}

// The run's output must fit on its disk (twice: the new file is written beside the old one).
void check_free_space(const fs::path& dir, uint64_t needed) {
  std::error_code ec;
  const fs::space_info space = fs::space(dir, ec);
  if (ec) return;  // unknown: find out when writing
  if (space.available < 2 * needed)
    throw Error("not enough free space in '" + dir.string() +
                "' for the run's checkpoints: about " +
                std::to_string(2 * needed / (1024 * 1024) + 1) + " MiB needed, " +
                std::to_string(space.available / (1024 * 1024)) +
                " MiB free; free some space or choose another --out folder");
}

// A checkpoint: metrics.csv (the whole history) and model.json (weights + training state),
// each replaced atomically, in that order: model.json is the complete state to resume from.
void write_checkpoint(const Project& project, const TrainConfig& config, Backend& backend,
                      Model& model, Trainer& trainer, const fs::path& dir,
                      const GradNormColumns* grad_norms) {
  Project trained = project;
  trained.training = config;
  trained.weights = model.params().to_host(backend);
  trained.training_state = trainer.state();
  for (const auto& [name, values] : trained.weights)
    for (float v : values)
      if (!std::isfinite(v))
        throw Error("parameter " + name +
                    " is not finite; try a lower learning rate or gradient clipping");
  write_metrics_csv((dir / "metrics.csv").string(), trained.training_state->history, grad_norms);
  write_project(trained, (dir / "model.json").string());
}

RunResult train_one(const Project& project, const TrainConfig& config, const DatasetSplits& data,
                    Backend& backend, const fs::path& dir, const RunOptions& options) {
  RunResult result;
  fs::create_directories(dir);
  remove_orphan_temporaries(dir);
  check_free_space(dir, checkpoint_size_estimate(project, config));
  Model model(project.network, backend, config.seed);
  const bool continuing = options.start == StartFrom::ProjectWeights && !project.weights.empty();
  if (continuing) {
    try {
      model.params().from_host(backend, project.weights);
    } catch (const Error& e) {
      throw Error(std::string("the project's weights do not fit its network (") + e.what() +
                  "); run with --reinit to start from the seed's initialization");
    }
  }
  Trainer trainer(model, data, config);
  trainer.set_augmentation(project.dataset);  // jitter / shifts / rotations / noise, as set
  if (continuing && project.training_state) {
    for (const std::string& note : trainer.load_state(*project.training_state))
      print_note("continuing: " + note);
  }
  if (!options.resume) trainer.set_target_epoch(trainer.epoch() + config.epochs);
  if (continuing && !options.quiet)
    std::printf(
        "continuing from the project's weights at epoch %d, step %lld%s; training to "
        "epoch %d\n",
        trainer.epoch(), static_cast<long long>(trainer.global_step()),
        project.training_state ? "" : " (no training state saved: fresh optimizer)",
        trainer.target_epoch());
  Progress progress(stdout, options.quiet, trainer.target_epoch());
  // Health findings and gradient norms after every epoch (gradient descent only: the perceptron
  // rule has no gradients).
  std::optional<HealthWatch> health;
  GradNormColumns grad_norms;
  if (config.trainer == TrainerKind::Gradient) {
    health.emplace(model, data, config.loss, trainer.global_step());
    for (const ParamEntry& e : model.params().entries())
      if (e.decl.trainable) grad_norms.names.push_back(e.name);
  }
  const GradNormColumns* norms = health ? &grad_norms : nullptr;
  auto observe_health = [&](double loss, bool finite, bool diverged) {
    if (!health) return;
    StepResult last;
    last.loss = loss;
    last.finite = finite;
    last.diverged = diverged;
    for (const HealthFinding& f : health->observe(trainer, last)) {
      progress.finish();
      std::fputs(format_health_finding(f).c_str(), stdout);
      std::fflush(stdout);
    }
    if (!finite || !health->gradients()) return;
    std::vector<double>& row = grad_norms.by_epoch[trainer.epoch()];
    row.clear();
    for (const ParamGradient& p : health->gradients()->params) row.push_back(p.grad_norm);
  };
  using Clock = std::chrono::steady_clock;
  auto last_checkpoint = Clock::now();
  int epochs_since_checkpoint = 0;
  bool ok = false;
  try {
    ok = trainer.run(
        [&](const EpochRecord& r) {
          progress.epoch(r);
          observe_health(r.train.loss, std::isfinite(r.train.loss), false);
          ++epochs_since_checkpoint;
          // Every N epochs, at most once per 30 s: a kill loses at most that much.
          if (options.checkpoint_every > 0 && epochs_since_checkpoint >= options.checkpoint_every &&
              Clock::now() - last_checkpoint >= kCheckpointInterval &&
              trainer.epoch() < trainer.target_epoch()) {
            write_checkpoint(project, config, backend, model, trainer, dir, norms);
            last_checkpoint = Clock::now();
            epochs_since_checkpoint = 0;
          }
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
    const bool grew = !trainer.divergence_message().empty();  // finite, but 1000-fold
    observe_health(grew ? 0.0 : NAN, grew, grew);
    const std::string why = trainer.divergence_message();
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", static_cast<double>(config.optimizer.lr));
    print_error("training diverged at epoch " + std::to_string(trainer.epoch()) + ": " +
                (why.empty() ? std::string("the loss became NaN or infinite") : why) +
                " (training.optimizer.lr is " + lr +
                "; gradient clipping: training.regularization.clip_grad_norm, e.g. 1.0; "
                "normalised inputs: dataset.standardize: true)");
    result.code = ExitCode::TrainingFailed;
    return result;
  }
  const int signal = g_signal.load();
  if (trainer.stopped_early()) std::printf("early stopping after epoch %d\n", trainer.epoch());
  if (!trainer.history().empty()) result.train = trainer.history().back().train;
  try {
    write_checkpoint(project, config, backend, model, trainer, dir, norms);
  } catch (const Error& e) {
    // The trained state is still here: try the places it can still be saved before giving up.
    std::string saved_to;
    for (const char* env : {"TMPDIR", "HOME"}) {
      const char* base = std::getenv(env);
      const fs::path fallback =
          fs::path(base && *base ? base : "/tmp") / ("backprop-rescue-" + dir.filename().string());
      try {
        fs::create_directories(fallback);
        write_checkpoint(project, config, backend, model, trainer, fallback, norms);
        saved_to = fallback.string();
        break;
      } catch (const std::exception&) {
      }
    }
    print_error(std::string("could not write the results: ") + e.what() +
                (saved_to.empty()
                     ? std::string("; nowhere else could take them either")
                     : "; they were saved in " + saved_to + " instead (`backprop train --resume " +
                           saved_to + "` goes on from there)"));
    result.code = ExitCode::TrainingFailed;
    return result;
  }
  if (signal != 0) {
    print_note(std::string("interrupted by ") + signal_name(signal) + " at epoch " +
               std::to_string(trainer.epoch()) + ", step " + std::to_string(trainer.global_step()) +
               ": the state is saved in " + (dir / "model.json").string() +
               "; `backprop train --resume " + dir.string() +
               "` finishes the run exactly as if it had not stopped");
    result.code = ExitCode::Interrupted;
    return result;
  }
  if (data.test.size() > 0) {
    result.test = trainer.evaluate(data.test);
    std::printf("test  %s  (%lld samples)\n", format_metrics(result.test).c_str(),
                static_cast<long long>(result.test.samples));
  } else {
    print_note("the dataset has no test split; no test metrics");
  }
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
  // `--resume DIR` stands for the project DIR/model.json, written to DIR again.
  std::vector<std::string> args_in = argv;
  std::optional<std::string> resume_dir;
  for (size_t i = 0; i < args_in.size(); ++i)
    if (args_in[i] == "--resume") {
      if (i + 1 >= args_in.size()) throw UsageError("--resume needs a folder (a train --out DIR)");
      resume_dir = args_in[i + 1];
      args_in[i] = (fs::path(*resume_dir) / "model.json").string();
      args_in.erase(args_in.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      break;
    }
  const ParsedArgs args = parse_args("train", args_in,
                                     {{"epochs"},
                                      {"checkpoint-every"},
                                      {"seed"},
                                      {"reinit", false},
                                      {"threads"},
                                      {"backend"},
                                      {"out"},
                                      {"seeds"},
                                      {"quiet", false}});
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
  RunOptions options;
  options.quiet = args.flag("quiet");
  options.checkpoint_every =
      static_cast<int>(args.int_value("checkpoint-every", 0, 1000000).value_or(1));
  if (resume_dir) {
    if (args.flag("reinit") || args.value("epochs") || args.value("seed") || seeds > 1)
      throw UsageError("--resume finishes a run as it was: no --reinit, --epochs, --seed, --seeds");
    if (project.weights.empty() || !project.training_state)
      throw Error(origin + ": no training state to resume (a model.json written by train)");
    options.resume = true;
  }
  // Several seeds compare initializations: each starts from its own.
  const StartFrom start =
      args.flag("reinit") || seeds > 1 ? StartFrom::Seed : StartFrom::ProjectWeights;
  options.start = start;
  if (seeds > 1 && !project.weights.empty() && !args.flag("reinit"))
    print_note("--seeds: each seed starts from its own initialization, not the project's weights");
  auto backend = make_backend(args.value("backend").value_or("cpu"), config.threads);
  if (!check_network(project.network, origin)) return static_cast<int>(ExitCode::BadInput);
  const fs::path out =
      resume_dir
          ? fs::path(*resume_dir)
          : fs::path(args.value("out").value_or(
                (fs::path("runs") /
                 safe_name(project.name.empty() ? fs::path(origin).stem().string() : project.name))
                    .string()));

  const DatasetSplits data = load_dataset(project.dataset);
  check_data_fits(project.network, data, origin);
  if (data.train.size() == 0) throw Error(origin + ": the training split is empty");
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGHUP, on_stop_signal);

  std::vector<double> test_loss, test_acc, train_loss;
  for (int k = 0; k < seeds && !g_stop.load(); ++k) {
    TrainConfig run = config;
    run.seed = config.seed + static_cast<uint64_t>(k);
    const fs::path dir = seeds == 1 ? out : out / ("seed-" + std::to_string(run.seed));
    if (seeds > 1 && !options.quiet)
      std::printf("== seed %llu\n", static_cast<unsigned long long>(run.seed));
    const RunResult r = train_one(project, run, data, *backend, dir, options);
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
