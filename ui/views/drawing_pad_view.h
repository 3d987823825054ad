#pragma once
// DrawingPadView: draw a digit with the mouse (or a pen) on a pad of the network's input size
// (28 x 28 for MNIST); the prediction, the class probabilities, the saliency and Grad-CAM follow
// every stroke. Clear and undo. The drawn pixels are 8-bit levels scaled to [0, 1] and normalized
// as the dataset was, so the prediction is exactly what `backprop evaluate` gives for the same
// pixels saved as an IDX image.
#include <QString>
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/graph/network_spec.h"
#include "ui/views/snapshot_view.h"

class QPushButton;

namespace bp {
class ImagePredictor;
}

namespace bp::ui {

class DrawingPadView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit DrawingPadView(QWidget* parent = nullptr);
  ~DrawingPadView() override;
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  // The network the snapshots' weights belong to (from the document).
  void setNetwork(const NetworkSpec& network);

  int padWidth() const { return w_; }
  int padHeight() const { return h_; }
  // (H, W) 8-bit levels, row-major.
  const std::vector<uint8_t>& pixels() const { return pixels_; }
  void setPixels(const std::vector<uint8_t>& levels);
  // A brush stroke from a to b in pad coordinates (pixels; may be fractional).
  void drawStroke(QPointF a, QPointF b);
  void clear();
  void undo();
  bool canUndo() const { return !undo_.empty(); }

  bool hasPrediction() const { return !probabilities_.empty(); }
  int predictedClass() const { return predicted_; }
  const std::vector<float>& probabilities() const { return probabilities_; }
  const std::vector<float>& outputs() const { return outputs_; }
  // The drawing's Conv2d feature maps (image networks), at most 8 channels per layer.
  const std::vector<FeatureMapLayer>& featureMaps() const { return maps_; }
  QString error() const { return error_; }

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  void predict();
  QRectF padRect() const;
  QPointF toPad(QPointF widget) const;
  void pushUndo();

  NetworkSpec network_;
  bool network_set_ = false;
  std::unique_ptr<ImagePredictor> predictor_;
  SnapshotPtr snapshot_;
  const void* weights_key_ = nullptr;  // the snapshot whose weights the predictor holds
  int h_ = 28, w_ = 28;
  std::vector<uint8_t> pixels_;
  std::vector<std::vector<uint8_t>> undo_;
  QPointF last_;
  std::vector<float> outputs_, probabilities_, saliency_, cam_;
  std::vector<FeatureMapLayer> maps_;
  int cam_h_ = 0, cam_w_ = 0;
  int predicted_ = -1;
  QString error_;
  QPushButton* clear_;
  QPushButton* undo_button_;
};

}  // namespace bp::ui
