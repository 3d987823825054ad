#pragma once
// GradientFlowView: the picture of vanishing and exploding gradients. One line per weight
// parameter (input side first, light to dark) over the training steps, on a log scale: its
// gradient norm, or its update/weight ratio (how much of itself a weight changes per step; about
// 1e-3 is healthy). A deep sigmoid stack shows the first layers' lines collapsing far below the
// last layer's; ReLU + He keeps them together.
#include <QString>
#include <QWidget>
#include <map>
#include <string>
#include <vector>

#include "ui/views/snapshot_view.h"

class QComboBox;

namespace bp::ui {

class GradientFlowView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  enum class Quantity { GradientNorm, UpdateRatio };
  static constexpr size_t kMaxPoints = 2000;  // per line; older points are thinned

  explicit GradientFlowView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  InsightRequest insights() const override;
  bool exportsCsv() const override { return true; }
  QString csv() const override;  // step,<param> ... of the shown quantity

  void setQuantity(Quantity q);
  Quantity quantity() const { return quantity_; }
  // Weight parameters with a line, input side first.
  std::vector<std::string> lines() const { return order_; }
  size_t points() const;  // points of the first line
  void clear();

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  struct Point {
    int64_t step;
    double norm, ratio;
  };
  QComboBox* choice_;
  Quantity quantity_ = Quantity::GradientNorm;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<Point>> series_;
  int64_t last_step_ = -1;
};

}  // namespace bp::ui
