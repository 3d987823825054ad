#pragma once
// The learning-rate picture: each run's final training (or validation) loss against its learning
// rate on log axes — too small crawls, too large diverges, the valley between is the range to
// use. With a second varied setting (e.g. batch size) one line per value: the batch-size x
// learning-rate grid.
#include <QWidget>

#include "ui/compare/compare_view.h"
#include "ui/compare/plot_painter.h"

class QComboBox;

namespace bp::ui {

class LrSweepView : public QWidget, public CompareView {
  Q_OBJECT
 public:
  explicit LrSweepView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setCompareSnapshot(const CompareSnapshotPtr& snapshot) override;
  PlotSpec plotSpec() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  CompareSnapshotPtr snapshot_;
  QComboBox* split_;
};

}  // namespace bp::ui
