#pragma once
// HistogramView: the distribution of every parameter tensor (weights, biases, BatchNorm
// statistics) as a small histogram, updated from the training snapshots: watch initial
// distributions spread, collapse or explode while the network trains. Each panel shows the
// tensor's name and size, its mean and standard deviation, and 40 bins over its own range;
// hovering a bar gives the bin's range and count.
#include <QScrollArea>
#include <QString>
#include <vector>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

// One tensor's histogram.
struct ParameterHistogram {
  QString name;
  int64_t count = 0;
  float min = 0.0f, max = 0.0f;
  double mean = 0.0, stddev = 0.0;
  std::vector<int64_t> bins;  // kBins, over [min, max]
};

// Histograms of every tensor in `weights`, in its (name) order.
std::vector<ParameterHistogram> make_histograms(const WeightMap& weights, int bins);

class HistogramCanvas;

class HistogramView : public QScrollArea, public SnapshotView {
  Q_OBJECT
 public:
  static constexpr int kBins = 40;

  explicit HistogramView(QWidget* parent = nullptr);
  // SnapshotView
  QWidget* viewWidget() override { return this; }
  bool exportsSvg() const override { return true; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  const std::vector<ParameterHistogram>& histograms() const;

 protected:
  void showEvent(QShowEvent* e) override;

 private:
  HistogramCanvas* canvas_;
  SnapshotPtr last_;
};

}  // namespace bp::ui
