#pragma once
// The interface of the compare lab's run views (curves, boundaries, summary, LR sweep): the
// window fans every snapshot out to a list of them; each draws the latest one only.
#include <QWidget>

#include "ui/compare/compare_snapshot.h"

namespace bp::ui {

class CompareView {
 public:
  virtual ~CompareView() = default;
  virtual QWidget* viewWidget() = 0;
  virtual void setCompareSnapshot(const CompareSnapshotPtr& snapshot) = 0;
};

// The legend text of a run: its varied values, "(diverged)" when it diverged.
QString run_legend(const CompareRunState& run);

}  // namespace bp::ui
