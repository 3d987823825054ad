#pragma once
// GradientHeatmapView: the gradient of the current step, weight by weight. Each Linear weight's
// gradient as an out x in heatmap (orange negative, blue positive, scaled by its largest
// magnitude); each Conv2d's kernels with their gradients beside them (weights left, gradients
// right, first input channels). Hover a cell for its value.
#include <QRect>
#include <QString>
#include <QWidget>
#include <vector>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

class GradientHeatmapView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  static constexpr int kMaxKernels = 16;  // output channels drawn per Conv2d
  static constexpr int kMaxInputs = 4;    // input channels drawn per kernel

  explicit GradientHeatmapView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  InsightRequest insights() const override;
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }
  QString csv() const override;  // parameter,index,gradient

  // Parameters drawn (weights with gradient values).
  int panels() const;
  // "fc1.weight[3, 1] = -0.0042" under a widget position; empty elsewhere.
  QString cellText(QPoint pos) const;

 protected:
  void paintEvent(QPaintEvent* e) override;
  bool event(QEvent* e) override;

 private:
  struct Cell {
    QRectF rect;
    int param;
    int64_t index;
  };
  std::shared_ptr<const GradientSnapshot> gradients_;
  SnapshotPtr snapshot_;
  std::vector<Cell> cells_;  // filled while painting, for hover
};

}  // namespace bp::ui
