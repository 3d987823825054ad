#pragma once
// TrainingUi: the training half of the studio, attached to a StudioHost (the main window): the
// TrainingController, the training and dataset panels, every view of the list in
// ui/main_window/studio_docks.cpp (its dock, its snapshots, its File > Export entries), the
// toolbar actions (Play/Pause on Space, Step batch, Step epoch, Reset) and the status-bar labels
// (epoch, step, samples/s, backend).
#include <QObject>
#include <QPointer>
#include <vector>

#include "ui/main_window/studio_docks.h"
#include "ui/training/training_snapshot.h"

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QTimer;

namespace bp::ui {

class StudioHost;
class ProjectDocument;
class TrainingController;
class TrainingPanel;
class NetworkScene;
class DatasetPanel;
class SnapshotView;
class LossChart;
class DecisionBoundaryView;
class NeuronView;
class FeatureMapView;
class ConfusionMatrixView;
class HistogramView;

class TrainingUi : public QObject {
  Q_OBJECT
 public:
  explicit TrainingUi(StudioHost* host, QObject* parent = nullptr);
  ~TrainingUi() override;

  TrainingController* controller() const { return controller_; }
  TrainingPanel* trainingPanel() const { return training_panel_; }
  DatasetPanel* datasetPanel() const { return dataset_panel_; }
  // The views of the list, in its order; view<V>() finds one by type (null when absent).
  const std::vector<SnapshotView*>& views() const { return views_; }
  template <class V>
  V* view() const {
    for (SnapshotView* v : views_)
      if (auto* found = dynamic_cast<V*>(v)) return found;
    return nullptr;
  }
  LossChart* lossChart() const;
  DecisionBoundaryView* boundaryView() const;
  NeuronView* neuronView() const;
  FeatureMapView* featureMapView() const;
  ConfusionMatrixView* confusionView() const;
  HistogramView* histogramView() const;
  QAction* playAction() const { return play_; }
  QAction* stepBatchAction() const { return step_batch_; }
  QAction* stepEpochAction() const { return step_epoch_; }
  QAction* resetAction() const { return reset_; }
  QAction* stopAction() const { return stop_; }
  // The toolbar's pace choice (items: pace_presets(), in order).
  QComboBox* paceBox() const { return pace_box_; }
  QLabel* rateLabel() const { return rate_label_; }
  // Docks that the switch to another kind of data (image docks raised for an image network)
  // does not cover: a lesson's panels. Replaces the previous list.
  void keepInFront(const QList<QDockWidget*>& docks);

 private:
  void createViews();
  void wireViews();
  void createActions();
  void updateActions();
  void updateRateLabel();
  void onSnapshot(const SnapshotPtr& s);
  void schedulePreview();
  void addPoint(float x, float y, float label);
  // The editor's scene when the host is the main window (null in bare hosts).
  NetworkScene* networkScene() const;
  // " (the ? badge on linear2)": where the live preview's problem is shown.
  QString hintNodeSuffix() const;

  StudioHost* host_;
  ProjectDocument* doc_;
  TrainingController* controller_;
  TrainingPanel* training_panel_;
  DatasetPanel* dataset_panel_;
  std::vector<SnapshotView*> views_;  // one per row of studio_views()
  std::vector<std::pair<QDockWidget*, ShowFor>> view_docks_;
  ShowFor showing_ = ShowFor::PlaneData;  // the data kind whose docks were raised last
  QList<QPointer<QDockWidget>> kept_in_front_;
  QAction* play_ = nullptr;
  QAction* step_batch_ = nullptr;
  QAction* step_epoch_ = nullptr;
  QAction* reset_ = nullptr;
  QAction* stop_ = nullptr;
  QLabel* epoch_label_ = nullptr;
  QLabel* step_label_ = nullptr;
  QLabel* rate_label_ = nullptr;
  QComboBox* pace_box_ = nullptr;
  double run_rate_ = 0.0;  // samples/s of the run going on, or of the last one
  QLabel* backend_label_ = nullptr;
  QLabel* health_label_ = nullptr;  // the health badge
  // Asks the worker for what the visible views need inside the network.
  void requestInsights();
  QTimer* preview_timer_ = nullptr;
};

}  // namespace bp::ui
