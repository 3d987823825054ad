#pragma once
// The compare lab's window: set up a comparison from the current project (the variable and 2-8
// values, seeds, epochs), run it on a worker thread (start, pause/resume, step, stop act on all
// runs), and look at it in tabs: overlaid curves, side-by-side boundaries, the summary table,
// the LR sweep, the loss landscape, and the optimizer trajectories on 2-D test functions.
#include <QElapsedTimer>
#include <QWidget>
#include <functional>
#include <optional>
#include <vector>

#include "engine/io/project.h"
#include "ui/compare/compare_controller.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace bp::ui {

class CompareView;
class CompareCurvesView;
class CompareBoundariesView;
class CompareSummaryView;
class LrSweepView;
class LandscapeView;
class TrajectoryView;

class CompareWindow : public QWidget {
  Q_OBJECT
 public:
  // `project` returns the current project whenever a comparison starts.
  explicit CompareWindow(std::function<Project()> project, QWidget* parent = nullptr);
  ~CompareWindow() override;

  CompareController* controller() const { return controller_; }
  void setVariable(CompareVariable v);
  void setValues(const QString& values);
  // A second variable makes a grid (e.g. batch size x learning rate); nullopt: none.
  void setSecondVariable(std::optional<CompareVariable> v, const QString& values = {});
  void setSeeds(int seeds);
  void setEpochs(int epochs);
  // true: the runs start from the project's current (trained) weights, not the initialization.
  void setStartFromCurrentWeights(bool current);
  // Starts a comparison with the settings shown; returns false (and says why) when they do not
  // parse.
  bool start();
  QString message() const;
  // Shows, raises and activates the window on tab `index`.
  void showTab(int index);

  CompareCurvesView* curves() const { return curves_; }
  CompareBoundariesView* boundaries() const { return boundaries_; }
  CompareSummaryView* summary() const { return summary_; }
  LrSweepView* lrSweep() const { return lr_sweep_; }
  LandscapeView* landscape() const { return landscape_; }
  TrajectoryView* trajectories() const { return trajectories_; }
  QTabWidget* tabs() const { return tabs_; }

 private:
  void onState(CompareController::State s);
  void fillDefaultValues();

  std::function<Project()> project_;
  CompareController* controller_;
  QComboBox* variable_;
  QLineEdit* values_;
  QComboBox* variable2_;
  QLineEdit* values2_;
  QSpinBox* seeds_;
  QSpinBox* epochs_;
  QComboBox* start_from_;
  CompareSnapshotPtr latest_;     // the last snapshot, for views shown later
  QElapsedTimer hidden_refresh_;  // when the hidden views last took a snapshot
  QPushButton* start_;
  QPushButton* pause_;
  QPushButton* step_;
  QPushButton* stop_;
  QLabel* message_;
  QTabWidget* tabs_;
  CompareCurvesView* curves_;
  CompareBoundariesView* boundaries_;
  CompareSummaryView* summary_;
  LrSweepView* lr_sweep_;
  LandscapeView* landscape_;
  TrajectoryView* trajectories_;
  std::vector<CompareView*> views_;
};

}  // namespace bp::ui
