#pragma once
// DistributionsView: how a layer's weights, gradients or activations are distributed, over time
// (a TensorBoard-style ridge plot: the newest histogram at the bottom, older ones stacked above
// and fading). At step 0 it shows what the initialization does before any training: zeros,
// N(0, 0.01), Xavier and He spread activations and gradients very differently.
#include <QString>
#include <QWidget>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "ui/views/snapshot_view.h"

class QComboBox;

namespace bp::ui {

class DistributionsView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  static constexpr size_t kMaxRidges = 24;

  explicit DistributionsView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  InsightRequest insights() const override;
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }
  QString csv() const override;  // step,lo,hi,count_0..count_n of the shown series

  // The series shown: a role and a name ("fc1.weight" / "fc1").
  void show(TensorRole role, const std::string& name);
  TensorRole role() const { return role_; }
  std::string name() const { return name_; }
  std::vector<std::string> names(TensorRole role) const;
  // Histograms kept for the shown series (oldest first).
  size_t ridges() const;

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  struct Ridge {
    int64_t step;
    Histogram histogram;
  };
  void refillNames();
  const std::deque<Ridge>* shown() const;

  QComboBox* role_box_;
  QComboBox* name_box_;
  TensorRole role_ = TensorRole::Activation;
  std::string name_;
  std::map<std::pair<TensorRole, std::string>, std::deque<Ridge>> series_;
  int64_t last_step_ = -1;
};

}  // namespace bp::ui
