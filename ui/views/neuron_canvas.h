#pragma once
// The painted content of NeuronView (see neuron_view.h).
#include <QImage>
#include <QRectF>
#include <QString>
#include <QWidget>
#include <vector>

#include "engine/train/snapshot/dense_layout.h"
#include "ui/training/training_snapshot.h"

class QCheckBox;
class QLabel;

namespace bp::ui {

class NeuronCanvas : public QWidget {
 public:
  // Figure mode: the "links: gradient" choice is not part of an exported figure.
  void setControlsVisible(bool visible);
  static constexpr int kThumb = 34;
  static constexpr int kColumn = 112;
  static constexpr int kGap = 8;
  static constexpr int kTop = 34;

  explicit NeuronCanvas(QWidget* parent);
  ~NeuronCanvas() override;

  void setLayers(std::vector<DenseLayer> layers);
  // What the canvas says while it has no layers to draw.
  void setPlaceholder(const QString& text);
  const QString& placeholder() const { return placeholder_; }
  void setSnapshot(const SnapshotPtr& snapshot);
  const std::vector<DenseLayer>& layers() const { return layers_; }
  int shownUnits(int layer) const;
  QImage image(int layer, int unit) const;
  // Inside the network: links coloured by the last step's gradient instead of the weight; the
  // activation names for the freeze-frame equation (a click on a unit); dead units greyed.
  void setLinksByGradient(bool on);
  bool linksByGradient() const { return by_gradient_; }
  void setActivationNames(std::vector<QString> names) { activations_ = std::move(names); }
  // The equation of a unit at a grid cell of the plane ("" when it cannot be written).
  QString equation(int layer, int unit, int cell) const;
  bool dead(int layer, int unit) const;

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void leaveEvent(QEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;

 private:
  QRectF thumbRect(int layer, int unit) const;
  const std::vector<float>* weightsOf(int layer) const;
  void relayout();
  void hidePopup();

  std::vector<DenseLayer> layers_;
  QString placeholder_;
  std::vector<std::vector<QImage>> images_;  // [layer][unit]
  SnapshotPtr snapshot_;
  float max_weight_ = 1.0f;
  QLabel* popup_ = nullptr;
  int popup_layer_ = -1, popup_unit_ = -1;
  bool by_gradient_ = false;
  QCheckBox* gradient_box_ = nullptr;
  std::vector<QString> activations_;  // per layer
};

}  // namespace bp::ui
