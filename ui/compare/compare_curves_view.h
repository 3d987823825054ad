#pragma once
// Overlaid loss or accuracy curves of every run, one colour per run, the legend naming the
// varied value; train / validation, log scale; with several seeds, each configuration as its
// mean ± standard deviation band.
#include <QWidget>

#include "ui/compare/compare_view.h"
#include "ui/compare/plot_painter.h"

class QCheckBox;
class QComboBox;

namespace bp::ui {

class CompareCurvesView : public QWidget, public CompareView {
  Q_OBJECT
 public:
  enum class Metric { Loss, Accuracy };
  enum class Split { Train, Validation };

  explicit CompareCurvesView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setCompareSnapshot(const CompareSnapshotPtr& snapshot) override;

  void setMetric(Metric m);
  void setSplit(Split s);
  void setLogScale(bool on);
  // What is drawn now (for tests and export).
  PlotSpec plotSpec() const;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  CompareSnapshotPtr snapshot_;
  QComboBox* metric_;
  QComboBox* split_;
  QCheckBox* log_;
};

}  // namespace bp::ui
