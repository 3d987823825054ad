#pragma once
// LatentView: the 2-D codes of held-out samples at a network's bottleneck (an autoencoder's middle
// layer, engine/train/snapshot/latent_builder.h), one dot per sample coloured by its class, with
// a legend. Empty with a hint when the network has no 2-unit bottleneck.
#include <QWidget>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

class LatentView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit LatentView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  bool exportsSvg() const override { return true; }
  bool exportsCsv() const override { return true; }
  // x,y,class per sample.
  QString csv() const override;

  std::shared_ptr<const LatentCodes> codes() const { return codes_; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::shared_ptr<const LatentCodes> codes_;
};

}  // namespace bp::ui
