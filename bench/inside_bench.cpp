// bp_inside_bench: what the inside-the-network views cost training. Emulates the studio's worker
// on an example project: trains for a fixed wall time and takes a snapshot every 33 ms (30 per
// second, the worker's rate) in three modes, alternating so load changes hit all of them:
//   none      no snapshots at all
//   views     the snapshot the studio makes without the new views (weights, state, plane or
//             feature maps + saliency)
//   inside    the same + every inside-the-network view open (InsightSession with
//             InsightRequest::everything(): gradients and their values, histograms, unit
//             activity, Grad-CAM, health)
// and prints steps/s for each and the slowdown of `inside` against `views` and `none`.
// usage: bp_inside_bench PROJECT.json [--seconds S] [--rounds R]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/snapshot/insight_session.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"

using namespace bp;
using Clock = std::chrono::steady_clock;

namespace {

enum class Snapshots { None, Views, Inside };

// Seconds spent in the inside-the-network fill during the last `inside` run and its wall time:
// their ratio is the share of training time the new views take, a figure that load on a shared
// machine disturbs far less than the steps/s of separate runs.
double g_inside_seconds = 0.0, g_inside_wall = 0.0;

double run(const Project& p, const DatasetSplits& data, Snapshots mode, double seconds) {
  CpuBackend backend;
  Model model(p.network, backend, p.training.seed);
  Trainer trainer(model, data, p.training);
  SnapshotBuilder builder(model, p.dataset, data, p.training.loss);
  InsightSession insight(model, data, p.training.loss, 0);
  const auto interval = std::chrono::milliseconds(33);
  // warm-up
  for (int i = 0; i < 20; ++i) trainer.step();
  const int64_t s0 = trainer.global_step();
  const auto t0 = Clock::now();
  auto last = t0;
  double inside = 0.0;
  while (Clock::now() - t0 < std::chrono::duration<double>(seconds)) {
    const auto slice = Clock::now();
    while (Clock::now() - slice < std::chrono::milliseconds(15)) trainer.step();
    if (mode == Snapshots::None || Clock::now() - last < interval) continue;
    last = Clock::now();
    TrainingSnapshot s;
    s.weights = model.params().to_host(backend);
    s.train_state = std::make_shared<const TrainState>(trainer.state());
    if (mode == Snapshots::Inside) {
      const auto f0 = Clock::now();
      insight.fill(model, trainer, InsightRequest::everything(), false, s);
      inside += std::chrono::duration<double>(Clock::now() - f0).count();
    }
    builder.fillPlane(model, s);
    builder.fillFeatureMaps(model, s);
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  if (mode == Snapshots::Inside) g_inside_seconds = inside, g_inside_wall = elapsed;
  return static_cast<double>(trainer.global_step() - s0) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bp_inside_bench PROJECT.json [--seconds S] [--rounds R]\n");
    return 2;
  }
  double seconds = 5.0;
  int rounds = 3;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
  }
  try {
    const Project p = read_project(argv[1]);
    const DatasetSplits data = load_dataset(p.dataset);
    double best[3] = {0, 0, 0};
    double share = 1.0;
    for (int r = 0; r < rounds; ++r)
      for (int m = 0; m < 3; ++m) {
        const double v = run(p, data, static_cast<Snapshots>(m), seconds);
        best[m] = std::max(best[m], v);
        if (m == 2) share = std::min(share, g_inside_seconds / g_inside_wall);
        std::printf("round %d %-6s %10.1f steps/s\n", r + 1,
                    m == 0   ? "none"
                    : m == 1 ? "views"
                             : "inside",
                    v);
        std::fflush(stdout);
      }
    std::printf(
        "%s: best steps/s none %.1f, views %.1f, inside %.1f; inside vs views %+.1f %%, "
        "inside vs none %+.1f %%\n",
        p.name.c_str(), best[0], best[1], best[2], 100.0 * (best[2] / best[1] - 1.0),
        100.0 * (best[2] / best[0] - 1.0));
    std::printf(
        "%s: the inside-the-network fill took %.2f %% of the run's wall time (least over "
        "the rounds)\n",
        p.name.c_str(), 100.0 * share);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bp_inside_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
