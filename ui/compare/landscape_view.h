#pragma once
// The network's loss landscape around a comparison: contours of the loss on a plane through
// weight space (PCA of the runs' trajectories, or filter-normalised random directions) with each
// run's path on top, and the loss along the straight lines from run 1's start to its solution
// and between two runs' solutions. The grid is computed by the compare worker in the background
// (progress bar, cancel).
#include <QWidget>

#include "ui/compare/compare_snapshot.h"
#include "ui/compare/plot_painter.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bp::ui {

class CompareController;
class LandscapeCanvas;

class LandscapeView : public QWidget {
  Q_OBJECT
 public:
  explicit LandscapeView(CompareController* controller, QWidget* parent = nullptr);

  void compute();
  void cancel();
  LandscapePtr result() const { return result_; }
  QProgressBar* progressBar() const { return progress_; }
  QString status() const;
  void setResolution(int n);
  void setDirections(LandscapeDirections d);
  void setCentre(LandscapeCentre c);
  PlotSpec linePlotSpec() const;
  // The two runs the 1-D line joins (their solutions).
  void setLineRuns(int from, int to);

 private:
  void setBusy(bool busy);

  CompareController* controller_;
  LandscapePtr result_;
  QComboBox* directions_;
  QComboBox* centre_;
  QSpinBox* resolution_;
  QSpinBox* samples_;
  QComboBox* line_from_;
  QComboBox* line_to_;
  QPushButton* compute_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  LandscapeCanvas* canvas_;
  QWidget* line_;
};

}  // namespace bp::ui
