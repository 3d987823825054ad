#pragma once
// RewindView: the last snapshots' checkpoints (weights + training state, at least 50 of them),
// on a slider. Drag back to look (the step, epoch and loss there), then "Continue from here":
// the run restarts from that checkpoint, paused, and Play trains on from it with whatever
// settings are now set: a branch, not a rewrite (the entries after it stay until they age out).
#include <QString>
#include <QWidget>

#include "engine/train/rewind_buffer.h"
#include "ui/views/snapshot_view.h"

class QLabel;
class QPushButton;
class QSlider;

namespace bp::ui {

class RewindView : public QWidget, public SnapshotView {
  Q_OBJECT
 public:
  explicit RewindView(QWidget* parent = nullptr);
  QWidget* viewWidget() override { return this; }
  void setSnapshot(const SnapshotPtr& snapshot) override;

  const RewindBuffer& buffer() const { return buffer_; }
  // Selects entry i (0 = oldest) on the slider.
  void select(int i);
  int selected() const;
  // Opens a branch at the selected entry and emits continueFrom with it.
  void continueFromSelected();

 signals:
  void continueFrom(const bp::WeightMap& weights, std::shared_ptr<const bp::TrainState> state);

 private:
  void refresh();
  RewindBuffer buffer_;
  QSlider* slider_;
  QLabel* label_;
  QPushButton* go_;
  bool follow_ = true;  // the slider follows the newest entry until the user moves it
};

}  // namespace bp::ui
