#pragma once
// ConfusionMatrixView: which classes the network mistakes for which, on the held-out split. One
// row per true class, one column per predicted class; a cell's shade is its share of the row (so
// the diagonal is each class's recall), its number the count. Hovering a cell says it in words.
// Updated from the training snapshots (about once a second and after every epoch).
#include <QString>
#include <QWidget>
#include <memory>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

class ConfusionMatrixView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit ConfusionMatrixView(QWidget* parent = nullptr);
  // SnapshotView
  QWidget* viewWidget() override { return this; }
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }

  void setSnapshot(const SnapshotPtr& snapshot) override;
  bool hasMatrix() const { return matrix_ != nullptr; }
  // The cell under a widget position as (true class, predicted class), or (-1, -1).
  std::pair<int, int> cellAt(QPoint pos) const;
  // "true 4, predicted 9: 12 of 203 (5.9 %)"; empty outside the matrix.
  QString cellText(int truth, int predicted) const;
  // "validation: 1,000 samples, accuracy 91.6 %"
  QString summary() const;
  // The counts as CSV: a header of predicted classes, then one row per true class.
  QString csv() const override;

  QSize sizeHint() const override { return {420, 420}; }

 signals:
  // A click on a cell: show its samples (the held-out view).
  void cellClicked(int truth, int predicted);

 protected:
  void mousePressEvent(QMouseEvent* e) override;
  void paintEvent(QPaintEvent* e) override;
  bool event(QEvent* e) override;  // tooltips

 private:
  QRect gridRect() const;
  QString className(int c) const;

  std::shared_ptr<const ConfusionMatrix> matrix_;
};

}  // namespace bp::ui
