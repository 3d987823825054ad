// Compare-lab benchmark (issue 13; not a test): on the spiral's 2-16-16-2 Tanh net at batch 10,
//  1. one run alone vs six runs (SGD, SGD+momentum, Nesterov, Adagrad, RMSprop, Adam) stepped
//     round-robin by a RunGroup: samples/s of the six together relative to one alone;
//  2. the same six in the studio worker's schedule: 15 ms slices, a snapshot (every run's
//     history) at 30 Hz and the six 100x100 decision grids at 5 Hz, counting the snapshots made;
//  3. a 41x41 loss landscape (PCA plane of the six trajectories) on 1,000 training samples.
//   compare_bench [epochs] [repeats]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "app/common/allocator.h"
#include "engine/backend/cpu/cpu_backend.h"
#include "engine/compare/landscape.h"
#include "engine/compare/run_group.h"
#include "engine/compare/variation.h"
#include "engine/data/dataset_spec.h"
#include "engine/train/snapshot/snapshot_builder.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

bp::NetworkSpec spiral_net() {
  bp::NodeSpec h1, h2, out;
  h1.kind = h2.kind = out.kind = bp::NodeKind::Linear;
  h1.params.out_features = h2.params.out_features = 16;
  h1.params.activation = h2.params.activation = bp::Activation::Tanh;
  out.params.out_features = 2;
  return bp::make_sequential({2}, {h1, h2, out});
}

const std::vector<std::string> kSix = {
    "SGD(lr=0.1)",     "SGD(lr=0.1,momentum=0.9)", "SGD(lr=0.1,momentum=0.9,nesterov=true)",
    "Adagrad(lr=0.1)", "RMSprop(lr=0.01)",         "Adam(lr=0.01)"};

}  // namespace

int main(int argc, char** argv) {
  bp::app::tune_allocator();
  const int epochs = argc > 1 ? std::atoi(argv[1]) : 60;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  bp::DatasetSpec spec;  // the spiral example's data, with enough points for 1,000 train samples
  spec.toy = bp::ToyKind::Spiral;
  spec.samples = 1500;
  spec.noise = 0.1f;
  const bp::DatasetSplits data = bp::load_dataset(spec);
  bp::TrainConfig config;
  config.batch_size = 10;
  config.epochs = epochs;
  config.seed = 1;
  const double n = static_cast<double>(data.train.size());
  bp::CpuBackend backend(1);

  double alone = 0.0, six = 0.0, worker = 0.0, snapshot_hz = 0.0, grids_hz = 0.0;
  for (int rep = 0; rep < repeats; ++rep) {
    {  // 1a. one run alone (Adam), through a group of one
      bp::RunGroup one(
          bp::make_runs(spiral_net(), config, {{bp::CompareVariable::Optimizer, {kSix.back()}}}, 1),
          data, backend, {0, std::nullopt});
      const auto t0 = Clock::now();
      while (one.advance(1000) > 0) {
      }
      alone = std::max(alone, epochs * n / seconds_since(t0));
    }
    {  // 1b. six runs round-robin
      bp::RunGroup group(
          bp::make_runs(spiral_net(), config, {{bp::CompareVariable::Optimizer, kSix}}, 1), data,
          backend, {0, std::nullopt});
      const auto t0 = Clock::now();
      while (group.advance(1000) > 0) {
      }
      six = std::max(six, 6 * epochs * n / seconds_since(t0));
    }
    {  // 2. the studio worker's schedule
      bp::RunGroup group(
          bp::make_runs(spiral_net(), config, {{bp::CompareVariable::Optimizer, kSix}}, 1), data,
          backend, {0, std::nullopt});
      std::vector<std::unique_ptr<bp::SnapshotBuilder>> builders;
      for (size_t i = 0; i < group.size(); ++i)
        builders.push_back(
            std::make_unique<bp::SnapshotBuilder>(*group.run(i).model, spec, data, config.loss));
      int snapshots = 0, grids = 0;
      auto last_snapshot = Clock::now() - std::chrono::seconds(1), last_grids = last_snapshot;
      const auto t0 = Clock::now();
      while (!group.finished()) {
        group.advance_for(std::chrono::milliseconds(15));
        const auto now = Clock::now();
        if (now - last_snapshot < std::chrono::milliseconds(25)) continue;  // as the worker
        std::vector<bp::SharedHistory> histories;  // what a snapshot copies, as the worker
        for (size_t i = 0; i < group.size(); ++i) histories.push_back(group.run(i).history);
        ++snapshots;
        last_snapshot = now;
        if (now - last_grids >= std::chrono::milliseconds(200)) {
          for (size_t i = 0; i < group.size(); ++i) {
            bp::TrainingSnapshot s;
            builders[i]->fillPlane(*group.run(i).model, s);
          }
          ++grids;
          last_grids = now;
        }
      }
      const double s = seconds_since(t0);
      if (6 * epochs * n / s > worker) {
        worker = 6 * epochs * n / s;
        snapshot_hz = snapshots / s;
        grids_hz = grids / s;
      }
    }
  }
  std::printf("spiral 2-16-16-2 tanh, %d train samples, batch 10, %d epochs, best of %d:\n",
              static_cast<int>(n), epochs, repeats);
  std::printf("  one run alone (Adam):             %9.0f samples/s\n", alone);
  std::printf("  six runs round-robin (together):  %9.0f samples/s = %.0f%% of one alone\n", six,
              100.0 * six / alone);
  std::printf(
      "  six runs, studio schedule:        %9.0f samples/s = %.0f%% of one alone; snapshots "
      "%.1f Hz, six boundaries %.1f Hz\n",
      worker, 100.0 * worker / alone, snapshot_hz, grids_hz);

  // 3. the landscape
  bp::RunGroup group(
      bp::make_runs(spiral_net(), config, {{bp::CompareVariable::Optimizer, kSix}}, 1), data,
      backend);
  while (group.advance(1000) > 0) {
  }
  std::vector<std::vector<float>> points;
  for (size_t i = 0; i < group.size(); ++i)
    for (const auto& w : group.run(i).weights) points.push_back(w);
  std::vector<int64_t> first(1000);
  std::iota(first.begin(), first.end(), 0);
  const bp::Dataset subset = data.train.subset(first);
  double best = 1e30;
  for (int rep = 0; rep < repeats; ++rep) {
    const auto t0 = Clock::now();
    const bp::LandscapePlane plane = bp::pca_plane(points, group.run(0).weights.back());
    std::vector<std::array<double, 2>> coords;
    for (const auto& w : points) coords.push_back(bp::project_onto(plane, w));
    const bp::LandscapeGrid grid =
        bp::loss_grid(*group.run(0).trainer, subset, plane, bp::range_around(coords, 0.15, 41));
    best = std::min(best, seconds_since(t0));
    if (!grid.complete) return 1;
  }
  std::printf("  landscape 41x41 on %lld samples (PCA of %zu recorded weight vectors): %.3f s\n",
              static_cast<long long>(subset.size()), points.size(), best);
  return 0;
}
