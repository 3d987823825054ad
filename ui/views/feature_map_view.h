#pragma once
// FeatureMapView: what a CNN sees. A strip of held-out images to pick from; for the picked one,
// its label and the network's prediction, then every image-shaped layer output (Conv2d, ReLU,
// pooling, ...) as one tile per channel, and each Conv2d layer's kernels (a row per output
// channel, a column per input channel). Activations use grey (dark = 0) when a layer is
// non-negative and the orange-white-blue map when it has signs; each layer is scaled to its own
// range for the picked image. Hovering a tile names the layer, the channel and the value range.
#include <QScrollArea>
#include <QString>

#include "ui/views/snapshot_view.h"

namespace bp::ui {

class FeatureMapCanvas;

class FeatureMapView : public QScrollArea, public SnapshotView {
  Q_OBJECT
 public:
  explicit FeatureMapView(QWidget* parent = nullptr);
  // SnapshotView
  QWidget* viewWidget() override { return this; }

  void setSnapshot(const SnapshotPtr& snapshot) override;
  void selectSample(int index);
  int selectedSample() const;
  // Tiles drawn now: activation maps (all layers) and kernels.
  int mapTileCount() const;
  int kernelTileCount() const;
  bool showsSaliency() const;
  // "label 7, predicted 7 (99.2 %)", empty before data arrives.
  QString predictionText() const;

 private:
  FeatureMapCanvas* canvas_;
};

}  // namespace bp::ui
