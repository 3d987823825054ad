#pragma once
// What the compare lab's views draw: an owned, immutable copy of every run's state (curves,
// status, decision grid for 2-D data) made by the compare worker, and the landscape result.
// Signals carry them as shared_ptr<const ...>; views keep the latest one only.
#include <QMetaType>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "engine/compare/landscape.h"
#include "engine/compare/run_group.h"
#include "engine/compare/shared_history.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp::ui {

struct CompareRunState {
  std::string label;  // "optimizer=Adam"
  std::string value;  // the varied values only, for legends: "Adam"
  int config_index = 0;
  uint64_t seed = 0;
  float lr = 0.0f;  // the run's base learning rate (LR sweep)
  int batch_size = 0;
  RunStatus status = RunStatus::Running;
  std::string message;
  double progress = 0.0;  // epochs, with the epoch in progress as a fraction
  double seconds = 0.0;
  // Every finished epoch with the run's own training time after it; full chunks are shared with
  // the worker and the earlier snapshots, so a snapshot does not copy the whole history.
  SharedHistory history;
  PlaneGrid grid;  // 2-D data: the model over the plane (else width 0)
};

struct CompareSnapshot {
  std::vector<CompareRunState> runs;
  uint64_t comparison = 0;  // which comparison (counts the starts): views reset what they cached
  std::shared_ptr<const PlotPoints> points;  // 2-D data only
  std::vector<std::string> variables;        // the varied settings' names
  int seeds = 1;
  int target_epochs = 0;
  bool finished = false;
};
using CompareSnapshotPtr = std::shared_ptr<const CompareSnapshot>;

enum class LandscapeDirections : uint8_t { Pca, Random };
// Where the plane is centred: the runs' shared start (every path leaves the origin) or run 1's
// solution (Li et al.'s choice for one run).
enum class LandscapeCentre : uint8_t { SharedStart, FirstSolution };

struct LandscapeRequest {
  LandscapeDirections directions = LandscapeDirections::Pca;
  LandscapeCentre centre = LandscapeCentre::SharedStart;
  int resolution = 41;
  int max_samples = 1000;  // training samples the loss is averaged over
  uint64_t seed = 1;       // random directions
  // The runs whose solutions the 1-D "between" line joins (indices into the runs).
  int line_from = 0, line_to = 1;
};

struct LandscapeResult {
  LandscapeGrid grid;
  std::array<double, 2> explained{0.0, 0.0};
  LandscapeDirections directions = LandscapeDirections::Pca;
  std::vector<std::string> labels;                        // per run
  std::vector<std::vector<std::array<double, 2>>> paths;  // per run, plane coordinates
  LineLoss init_to_final;                                 // run 1: start -> its solution
  LineLoss between;                                       // run 1's -> run 2's solution
  std::string between_label;
  double seconds = 0.0;
  int samples = 0;
};
using LandscapePtr = std::shared_ptr<const LandscapeResult>;

}  // namespace bp::ui

Q_DECLARE_METATYPE(bp::ui::CompareSnapshotPtr)
Q_DECLARE_METATYPE(bp::ui::LandscapePtr)
