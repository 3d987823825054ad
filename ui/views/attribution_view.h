#pragma once
// AttributionView: why the network says what it says, for any class the learner picks (not only
// the predicted one). For each held-out sample of the feature-map view: the image, its saliency
// (|d score / d pixel|) and Grad-CAM of the last convolution overlaid on the image (Selvaraju et
// al., 2017: the feature maps weighted by their mean gradient, ReLU).
#include <QImage>
#include <QString>
#include <QWidget>

#include "ui/views/snapshot_view.h"

class QComboBox;

namespace bp::ui {

// Grad-CAM at (cam_h, cam_w) upsampled bilinearly (half-pixel centres, like
// torch.nn.functional.interpolate(align_corners=False)) to (h, w), scaled to [0, 1] by its max.
std::vector<float> upsample_cam(const float* cam, int cam_h, int cam_w, int h, int w);

class AttributionView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit AttributionView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;
  InsightRequest insights() const override;

  // -1: each sample's predicted class; else the class to explain.
  void setTargetClass(int cls);
  int targetClass() const { return target_; }
  bool hasAttribution() const { return attribution_ != nullptr; }

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  void fillClasses(const FeatureMaps& f);
  QComboBox* class_box_;
  int target_ = -1;
  std::shared_ptr<const FeatureMaps> maps_;
  std::shared_ptr<const ClassAttribution> attribution_;
};

}  // namespace bp::ui
