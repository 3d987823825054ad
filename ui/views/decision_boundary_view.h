#pragma once
// DecisionBoundaryView: for 2-D data, the model's output over the plane as a heatmap (one cell
// per grid value, >= 100x100) behind the training points and optionally the test points
// (classes by colour and marker). Clicking the plane adds a point of the selected class
// (ConvNetJS-style): the view emits pointAdded and the owner stores it in the DatasetSpec.
#include <QImage>
#include <QWidget>

#include "ui/views/snapshot_view.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedLayout;

namespace bp::ui {

class BoundaryCanvas;

class DecisionBoundaryView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit DecisionBoundaryView(QWidget* parent = nullptr);
  // SnapshotView
  QWidget* viewWidget() override { return this; }
  bool exportsSvg() const override { return true; }
  void setFigureMode(bool on) override;

  void setSnapshot(const SnapshotPtr& snapshot) override;
  void clear();
  void setShowTestData(bool on);
  void setDiscretize(bool on);

  bool hasPlane() const;
  // The heatmap of the latest snapshot (grid-sized).
  const QImage& heatmap() const;
  // Plane coordinates -> class of the selected "add" class (for tests and the canvas).
  void addPointAt(float x, float y);

 signals:
  void pointAdded(float x, float y, float label);

 private:
  void rebuildImage();
  void updateClassChoices();

  SnapshotPtr snapshot_;
  BoundaryCanvas* canvas_;
  QLabel* placeholder_;
  QWidget* controls_ = nullptr;  // the row of check boxes and the class choice
  QStackedLayout* stack_;
  QCheckBox* show_test_;
  QCheckBox* discretize_;
  QComboBox* add_class_;
  int classes_in_combo_ = -1;
};

}  // namespace bp::ui
