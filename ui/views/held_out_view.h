#pragma once
// HeldOutView: the held-out images behind the confusion matrix. Three ways to pick: the most
// confidently wrong (wrong predictions, surest first), a confusion-matrix cell's samples (click a
// cell), or any image by its index. Each thumbnail says true -> predicted (probability); a click
// sends the image to the drawing pad, whose prediction, saliency and Grad-CAM then explain it.
#include <QString>
#include <QWidget>
#include <vector>

#include "ui/views/snapshot_view.h"

class QComboBox;
class QSpinBox;

namespace bp::ui {

// A held-out image as the drawing pad's 8-bit levels (H, W): the first channel with the
// dataset's normalization undone.
std::vector<uint8_t> image_levels(const SampleImages& images, int index);

class HeldOutView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  enum class Pick { ConfidentlyWrong, Cell, FromIndex };
  static constexpr int kShown = 48;

  explicit HeldOutView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;

  void showConfidentlyWrong();
  void showCell(int truth, int predicted);
  void showFromIndex(int index);
  Pick pick() const { return pick_; }
  // The sample indices shown, in order.
  const std::vector<int>& shown() const { return shown_; }
  // The thumbnail under a widget position (an index into the samples), or -1.
  int sampleAt(QPoint pos) const;

 signals:
  void imageChosen(std::vector<uint8_t> levels, int index);

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;

 private:
  void refresh();
  QRect thumbRect(int k) const;
  QComboBox* mode_;
  QSpinBox* index_;
  Pick pick_ = Pick::ConfidentlyWrong;
  int cell_truth_ = 0, cell_predicted_ = 0;
  std::shared_ptr<const ConfusionMatrix> matrix_;
  std::vector<int> shown_;
};

}  // namespace bp::ui
