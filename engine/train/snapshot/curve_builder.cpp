#include "engine/train/snapshot/curve_builder.h"

#include <algorithm>

namespace bp {

CurveBuilder::CurveBuilder(Model& model, const DatasetSplits& data) {
  const Dataset& tr = data.train;
  const Shape one{1};
  if (tr.task != TaskKind::Regression || !(tr.sample_shape == one) ||
      !(model.input_shape() == one) || tr.size() == 0)
    return;
  auto p = std::make_shared<CurvePoints>();
  auto take = [](const Dataset& ds, std::vector<float>& x, std::vector<float>& y) {
    for (int64_t i = 0; i < ds.size(); ++i) {
      x.push_back(ds.sample(i)[0]);
      y.push_back(ds.target(i)[0]);
    }
  };
  take(tr, p->train_x, p->train_y);
  take(data.test, p->test_x, p->test_y);
  auto [x_lo, x_hi] = std::minmax_element(p->train_x.begin(), p->train_x.end());
  auto [y_lo, y_hi] = std::minmax_element(p->train_y.begin(), p->train_y.end());
  const float x_margin = 0.05f * std::max(*x_hi - *x_lo, 1e-3f);
  const float y_margin = 0.15f * std::max(*y_hi - *y_lo, 1e-3f);
  const float x0 = *x_lo - x_margin, x1 = *x_hi + x_margin;
  p->y_min = *y_lo - y_margin;
  p->y_max = *y_hi + y_margin;
  p->grid_x.resize(kPoints);
  for (int i = 0; i < kPoints; ++i)
    p->grid_x[static_cast<size_t>(i)] = x0 + (x1 - x0) * static_cast<float>(i) / (kPoints - 1);
  Backend& be = model.backend();
  grid_input_ = be.memory().empty(Shape{kPoints, 1});
  be.memory().upload(p->grid_x.data(), grid_input_);
  points_ = std::move(p);
}

void CurveBuilder::fill(Model& model, TrainingSnapshot& s) {
  if (!points_) return;
  const Tensor& out = model.forward(grid_input_, Mode::Eval);  // (kPoints, outputs)
  const int64_t outputs = out.numel() / kPoints;
  output_.resize(static_cast<size_t>(out.numel()));
  model.backend().memory().download(out, output_.data());
  s.curve_points = points_;
  s.curve_y.resize(kPoints);
  for (int i = 0; i < kPoints; ++i)
    s.curve_y[static_cast<size_t>(i)] = output_[static_cast<size_t>(i * outputs)];
}

}  // namespace bp
