#pragma once
// Optimizer trajectories on the classic 2-D test functions: the surface as contours (log-spaced
// levels), a start point the user clicks, one path per chosen optimizer (with its learning rate
// and hyperparameters) animated step by step with a step counter, and the loss along each path in
// a small chart. The steps come from the engine's optimizer classes
// (engine/compare/trajectory.h), not from code in the view.
#include <QTimer>
#include <QWidget>
#include <array>
#include <memory>
#include <vector>

#include "engine/compare/trajectory.h"
#include "ui/compare/plot_painter.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace bp::ui {

class TrajectoryCanvas;
class LossStripChart;

class TrajectoryView : public QWidget {
  Q_OBJECT
 public:
  explicit TrajectoryView(QWidget* parent = nullptr);
  ~TrajectoryView() override;

  struct Path {
    QString name;
    QColor color;
    std::vector<TrajectoryPoint> points;
    QString error;  // why it could not run (invalid hyperparameters)
  };

  void setFunction(TestFunction f);
  TestFunction function() const { return function_; }
  void setStart(double x, double y);
  std::array<double, 2> start() const { return start_; }
  // Recomputes every path from the start point (engine optimizers) and restarts the animation.
  void recompute();
  void play();
  void pause();
  // Shows everything up to `step` (clamped to the longest path).
  void showStep(int step);
  int shownStep() const { return shown_; }
  int maxSteps() const;
  const std::vector<Path>& paths() const { return paths_; }
  // The optimizer rows: checked, display name, config "Adam(lr=0.05)".
  int optimizerCount() const;
  void setOptimizerChecked(int row, bool on);
  void setOptimizerSpec(int row, const QString& spec);

 private:
  void loadPresets();
  void tick();
  void updateLabels();

  TestFunction function_ = TestFunction::Rosenbrock;
  std::array<double, 2> start_{0, 0};
  std::vector<Path> paths_;
  int shown_ = 0;
  QTimer timer_;
  QComboBox* function_box_;
  QSpinBox* steps_;
  QTableWidget* optimizers_;
  QPushButton* play_;
  QLabel* step_label_;
  QLabel* formula_;
  TrajectoryCanvas* canvas_;
  LossStripChart* chart_;
  std::unique_ptr<Backend> backend_;
};

}  // namespace bp::ui
