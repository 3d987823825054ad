#pragma once
// Side-by-side decision boundaries of every run (2-D data), each titled with its varied value,
// epoch and status. The runs advance level by epoch (RunGroup steps the one behind), so the
// pictures are synchronised by epoch. Reuses the studio's DecisionBoundaryView per run.
#include <QWidget>
#include <vector>

#include "ui/compare/compare_view.h"

class QGridLayout;
class QLabel;

namespace bp::ui {

class DecisionBoundaryView;

class CompareBoundariesView : public QWidget, public CompareView {
  Q_OBJECT
 public:
  explicit CompareBoundariesView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setCompareSnapshot(const CompareSnapshotPtr& snapshot) override;

  int panelCount() const { return static_cast<int>(panels_.size()); }
  DecisionBoundaryView* panel(int i) const { return panels_[static_cast<size_t>(i)].view; }
  QString panelTitle(int i) const;

 private:
  struct Panel {
    QLabel* title = nullptr;
    DecisionBoundaryView* view = nullptr;
  };
  void rebuild(size_t runs);

  QGridLayout* grid_;
  QLabel* placeholder_;
  std::vector<Panel> panels_;
};

}  // namespace bp::ui
