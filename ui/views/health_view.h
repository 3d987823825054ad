#pragma once
// HealthView: the training-health findings of the latest snapshot (engine/train/health/): each
// with its title, a one-line explanation with the numbers and a concrete suggestion; "all clear"
// when the detectors see nothing. The status-bar badge (health_badge_text) says how many.
#include <QString>
#include <QWidget>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

// "Health: OK" / "Health: 2 warnings" for the status bar; empty before any health report.
QString health_badge_text(const HealthReport* report);

class HealthView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit HealthView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  InsightRequest insights() const override;
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }
  QString csv() const override;  // kind,layer,step,value,message,suggestion

  int findings() const;
  // The text of finding i: "Vanishing gradients — ... Try: ..."
  QString findingText(int i) const;

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  std::shared_ptr<const HealthReport> report_;
};

}  // namespace bp::ui
