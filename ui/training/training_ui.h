#pragma once
// TrainingUi: the training half of the studio, attached to a StudioHost (the main window): the
// TrainingController, the docks (training settings, dataset, curves, decision boundary, neurons),
// the toolbar actions (Play/Pause on Space, Step batch, Step epoch, Reset) and the status-bar
// labels (epoch, step, samples/s, backend).
#include <QObject>

#include "ui/training/training_snapshot.h"

class QAction;
class QDockWidget;
class QLabel;
class QTimer;

namespace bp::ui {

class StudioHost;
class ProjectDocument;
class TrainingController;
class TrainingPanel;
class DatasetPanel;
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
  LossChart* lossChart() const { return loss_chart_; }
  DecisionBoundaryView* boundaryView() const { return boundary_; }
  NeuronView* neuronView() const { return neurons_; }
  FeatureMapView* featureMapView() const { return feature_maps_; }
  ConfusionMatrixView* confusionView() const { return confusion_; }
  HistogramView* histogramView() const { return histograms_; }
  QAction* playAction() const { return play_; }
  QAction* stepBatchAction() const { return step_batch_; }
  QAction* stepEpochAction() const { return step_epoch_; }
  QAction* resetAction() const { return reset_; }
  QAction* stopAction() const { return stop_; }

 private:
  QDockWidget* dock(const QString& title, const QString& object_name, QWidget* content,
                    Qt::DockWidgetArea area);
  void createActions();
  void updateActions();
  void onSnapshot(const SnapshotPtr& s);
  void schedulePreview();
  void addPoint(float x, float y, float label);

  StudioHost* host_;
  ProjectDocument* doc_;
  TrainingController* controller_;
  TrainingPanel* training_panel_;
  DatasetPanel* dataset_panel_;
  LossChart* loss_chart_;
  DecisionBoundaryView* boundary_;
  NeuronView* neurons_;
  FeatureMapView* feature_maps_;
  ConfusionMatrixView* confusion_;
  HistogramView* histograms_;
  QDockWidget* neurons_dock_ = nullptr;
  QDockWidget* boundary_dock_ = nullptr;
  QDockWidget* confusion_dock_ = nullptr;
  QDockWidget* maps_dock_ = nullptr;
  bool showing_feature_maps_ = false;
  QAction* play_ = nullptr;
  QAction* step_batch_ = nullptr;
  QAction* step_epoch_ = nullptr;
  QAction* reset_ = nullptr;
  QAction* stop_ = nullptr;
  QLabel* epoch_label_ = nullptr;
  QLabel* step_label_ = nullptr;
  QLabel* rate_label_ = nullptr;
  QLabel* backend_label_ = nullptr;
  QTimer* preview_timer_ = nullptr;
};

}  // namespace bp::ui
