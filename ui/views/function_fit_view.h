#pragma once
// FunctionFitView: for 1-D regression data (the Sine example) the training points, the test
// points and the network's function over x, redrawn with every snapshot, so the curve can be
// watched bending onto the data. Other data: a placeholder that says what it is for.
#include <QWidget>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

class FunctionFitView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit FunctionFitView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }
  // x, network output (one row per drawn x value).
  QString csv() const override;
  // Whether the latest snapshot holds a curve.
  bool hasCurve() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  SnapshotPtr snapshot_;
};

}  // namespace bp::ui
