#pragma once
// LossChart: training curves. Top: train and validation loss per epoch on the same axes plus a
// smoothed per-step train loss; bottom: accuracy per epoch (classification). Log-scale toggle,
// hover for exact values, mouse zoom/pan. Keeps the last 100k step points and draws a decimated
// copy (a few thousand points) from a ~30 Hz timer, so long runs stay fast.
#include <QPointF>
#include <QWidget>
#include <vector>

#include "engine/train/trainer.h"
#include "ui/views/snapshot_view.h"

class QChart;
class QLineSeries;
class QAbstractAxis;
class QCheckBox;
class QLabel;
class QTimer;

namespace bp::ui {

class ZoomChartView;

class LossChart : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  static constexpr size_t kMaxStepPoints = 100000;
  static constexpr int kMaxDrawnPoints = 2000;

  explicit LossChart(QWidget* parent = nullptr);
  // SnapshotView
  QWidget* viewWidget() override { return this; }
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }
  QString csv() const override { return epochCsv(); }
  void setFigureMode(bool on) override;
  void setSnapshot(const SnapshotPtr& snapshot) override {
    if (snapshot) addSnapshot(*snapshot);
  }

  void addEpoch(const EpochRecord& record);
  // Appends the snapshot's per-step losses (smoothed).
  void addSnapshot(const TrainingSnapshot& snapshot);
  void clear();
  void setLogScale(bool on);
  bool logScale() const { return log_; }
  // Redraws now (normally done by the refresh timer).
  void refresh();

  size_t trainLossCount() const { return train_loss_.size(); }
  size_t validationLossCount() const { return val_loss_.size(); }
  size_t accuracyCount() const { return train_acc_.size(); }
  size_t stepLossCount() const { return step_loss_.size(); }
  // The per-epoch curves as CSV: epoch, train_loss, validation_loss, train_accuracy,
  // validation_accuracy (empty cells where a curve has no value).
  QString epochCsv() const;
  int drawnStepCount() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  // The charts follow the palette (the dark theme too): background, axes, grid, legend.
  void applyPalette();
  void setupAxes(bool log);
  void draw(QLineSeries* series, const std::vector<QPointF>& points);
  void updateRanges();
  void showHover(const QString& what, const QPointF& p, bool state, bool is_accuracy);

  QChart* loss_chart_;
  QChart* acc_chart_;
  ZoomChartView* loss_view_;
  ZoomChartView* acc_view_;
  QLineSeries* train_series_;
  QLineSeries* val_series_;
  QLineSeries* step_series_;
  QLineSeries* train_acc_series_;
  QLineSeries* val_acc_series_;
  QAbstractAxis* loss_x_ = nullptr;
  QAbstractAxis* loss_y_ = nullptr;
  QAbstractAxis* acc_x_ = nullptr;
  QAbstractAxis* acc_y_ = nullptr;
  QCheckBox* log_box_;
  QLabel* summary_;
  QTimer* timer_;
  std::vector<QPointF> train_loss_, val_loss_, step_loss_, train_acc_, val_acc_;
  std::vector<QPointF> scratch_;
  double smoothed_ = 0.0;
  bool has_smoothed_ = false;
  bool log_ = false;
  bool dirty_ = false;
};

}  // namespace bp::ui
