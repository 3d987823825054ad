#pragma once
// ReportData: what an experiment report shows, computed from a project (the same numbers in the
// studio and the CLI): the network, its hyperparameters and dataset as the project file names
// them, the history of epochs, the final metrics on the test split, the confusion matrix of the
// held-out split, the decision boundary (2-D data) and the seeds. Qt-free apart from strings.
#include <QString>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine/io/project.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp::ui {

using KeyValues = std::vector<std::pair<QString, QString>>;

struct ReportData {
  Project project;
  std::vector<EpochRecord> history;
  bool trained = false;          // the project held weights (else: the seed's initial ones)
  std::optional<Metrics> test;   // on the test split (none when it is empty)
  std::optional<Metrics> train;  // on the training split, eval mode
  int64_t parameters = 0;
  KeyValues hyperparameters;  // "optimizer.lr" -> "0.03", as in the project file
  KeyValues dataset;          // "toy" -> "spiral", ...
  std::shared_ptr<const ConfusionMatrix> confusion;  // classification only
  std::shared_ptr<const PlotPoints> points;          // 2-D data only
  PlaneGrid grid;                                    // 2-D data only
};

// Loads the project's data, builds its network with its stored weights (or the seed's initial
// ones) on the CPU, and evaluates it. `history` replaces the project's stored history when given
// (the studio's run). Throws bp::Error with an actionable message for an invalid network, data
// that cannot be loaded, or weights that do not fit.
ReportData collect_report(const Project& project,
                          const std::optional<std::vector<EpochRecord>>& history = std::nullopt);

}  // namespace bp::ui
