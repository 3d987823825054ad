#pragma once
// SamplesGrid: a grid of image samples with their labels (the dataset preview for image data).
#include <QImage>
#include <QWidget>
#include <vector>

#include "ui/training/training_snapshot.h"

namespace bp::ui {

class SamplesGrid : public QWidget {
  Q_OBJECT
 public:
  explicit SamplesGrid(QWidget* parent = nullptr);
  void setImages(std::shared_ptr<const SampleImages> images);
  int count() const { return static_cast<int>(tiles_.size()); }
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  std::shared_ptr<const SampleImages> images_;
  std::vector<QImage> tiles_;
};

}  // namespace bp::ui
