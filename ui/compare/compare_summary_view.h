#pragma once
// The summary table of a comparison: per run the final and best validation metric, the epoch and
// training time at which it reached a target the user sets, the status (diverged runs marked);
// sortable by any column, exportable as CSV (the same columns as `backprop compare`'s
// summary.csv).
#include <QWidget>
#include <optional>

#include "engine/compare/run_summary.h"
#include "ui/compare/compare_view.h"

class QDoubleSpinBox;
class QCheckBox;
class QTableWidget;

namespace bp::ui {

class CompareSummaryView : public QWidget, public CompareView {
  Q_OBJECT
 public:
  explicit CompareSummaryView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setCompareSnapshot(const CompareSnapshotPtr& snapshot) override;

  void setTarget(std::optional<double> target);
  std::vector<RunSummary> summaries() const;
  QString csv() const;
  QTableWidget* table() const { return table_; }
  // Asks for a file and writes csv() there.
  void exportCsv();

 private:
  void refresh();

  // One builder per run, fed only the epochs that are new since the last refresh; rebuilt for a
  // new comparison or another target.
  struct Cache {
    uint64_t comparison = 0;
    std::optional<double> target;
    std::vector<RunSummaryBuilder> builders;
  };

  CompareSnapshotPtr snapshot_;
  mutable Cache cache_;
  QTableWidget* table_;
  QCheckBox* use_target_;
  QDoubleSpinBox* target_;
};

}  // namespace bp::ui
