#pragma once
// NeuronView (Playground-style): every unit of every dense layer as a small heatmap of its output
// over the input plane, columns left to right, links coloured and sized by weight (blue
// positive, orange negative). Hovering a unit shows its map large; hovering a link shows the
// weight. Scrolls for big networks; layers wider than 16 units show "first 16 of N".
#include <QImage>
#include <QScrollArea>
#include <vector>

#include "engine/graph/network_spec.h"
#include "engine/graph/shape_inference.h"
#include "engine/train/snapshot/dense_layout.h"
#include "ui/views/snapshot_view.h"

class QLabel;

namespace bp::ui {

class NeuronCanvas;

class NeuronView : public QScrollArea, public SnapshotView {
  Q_OBJECT
 public:
  static constexpr int kMaxUnits = 16;

  explicit NeuronView(QWidget* parent = nullptr);
  // SnapshotView
  QWidget* viewWidget() override { return this; }

  void setNetwork(const NetworkSpec& spec, const ShapeReport& shapes);
  void setSnapshot(const SnapshotPtr& snapshot) override;
  void setFigureMode(bool on) override;
  // Unit activity (dead units greyed) always; the gradients when links show them.
  InsightRequest insights() const override;
  NeuronCanvas* canvas() const { return canvas_; }

  int layerCount() const;
  // What the view says while it has no dense layers to draw (a CNN: see the feature maps).
  QString placeholderText() const;
  int thumbnailCount() const;
  // The thumbnail image of a unit (null before a snapshot arrived).
  QImage thumbnail(int layer, int unit) const;

 private:
  NeuronCanvas* canvas_;
};

}  // namespace bp::ui
