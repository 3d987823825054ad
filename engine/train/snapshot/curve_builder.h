#pragma once
// CurveBuilder: for 1-D regression data (one input feature, one output: the Sine example), the
// data points and the network's function over x, for the fitted-curve view. Lives in the worker
// thread; allocates once per run.
#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/graph/model.h"
#include "engine/train/snapshot/training_snapshot.h"

namespace bp {

class CurveBuilder {
 public:
  static constexpr int kPoints = 200;  // x values the function is drawn at

  // Enabled when the training data and the model both take one feature and the task is
  // regression; otherwise enabled() is false and fill() does nothing.
  CurveBuilder(Model& model, const DatasetSplits& data);

  bool enabled() const { return points_ != nullptr; }
  std::shared_ptr<const CurvePoints> points() const { return points_; }
  // Runs the x grid forward (eval mode) and fills s.curve_points and s.curve_y.
  void fill(Model& model, TrainingSnapshot& s);

 private:
  std::shared_ptr<const CurvePoints> points_;
  Tensor grid_input_;          // (kPoints, 1)
  std::vector<float> output_;  // (kPoints, outputs)
};

}  // namespace bp
