#pragma once
// The network's own loss landscape (Li et al. 2018, "Visualizing the Loss Landscape of Neural
// Nets"): a plane through weight space spanned by two directions — the top two principal
// components of the runs' trajectories (differences from the centre), or filter-normalised
// random directions — the runs' recorded weights projected onto it, and the loss on a grid in
// that plane; plus the loss along the straight line between two weight vectors. Weights are flat
// vectors in ParameterStore::values() order (trainable parameters only; buffers such as
// BatchNorm's running statistics stay as the model has them).
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/graph/parameter_store.h"
#include "engine/train/trainer.h"

namespace bp {

struct LandscapePlane {
  std::vector<float> origin;  // (P) the centre, e.g. a run's final weights
  std::vector<float> d1, d2;  // (P) each; the plane is origin + a d1 + b d2
  // PCA: the fraction of the trajectories' variance along d1 and d2 (0 for random directions).
  std::array<double, 2> explained{0.0, 0.0};
};

// PCA of the differences points[k] - origin (each (P)): d1, d2 are the two leading principal
// directions, unit length and orthogonal. Needs at least two points that differ from the origin
// in independent directions (throws bp::Error otherwise). More than 300 points are thinned to
// 300 evenly spaced ones.
LandscapePlane pca_plane(const std::vector<std::vector<float>>& points,
                         const std::vector<float>& origin);

// Filter-normalised random directions: Gaussian, then each filter (a weight tensor's row, i.e.
// one output unit or one convolution filter) scaled to the norm of that filter in `origin`;
// biases and normalisation parameters get 0 (as in Li et al.). Same seed, same directions.
LandscapePlane random_plane(const ParameterStore& layout, const std::vector<float>& origin,
                            uint64_t seed);

// The plane coordinates (a, b) of w (P): least squares of w - origin on d1, d2.
std::array<double, 2> project_onto(const LandscapePlane& plane, const std::vector<float>& w);

struct LandscapeGrid {
  int nx = 0, ny = 0;
  double a_min = 0, a_max = 0, b_min = 0, b_max = 0;
  std::vector<double> loss;  // (ny, nx) row-major: loss[j * nx + i] at a_i, b_j
  bool complete = false;     // false: cancelled before every cell was computed (the rest NaN)
  double a(int i) const { return nx > 1 ? a_min + (a_max - a_min) * i / (nx - 1) : a_min; }
  double b(int j) const { return ny > 1 ? b_min + (b_max - b_min) * j / (ny - 1) : b_min; }
};

struct GridRange {
  double a_min = -1, a_max = 1, b_min = -1, b_max = 1;
  int nx = 41, ny = 41;
};

// A range that holds every point (a, b) with a margin of `margin` of the span, and the origin.
GridRange range_around(const std::vector<std::array<double, 2>>& points, double margin, int n);

// The loss of `trainer`'s model (its loss function, eval mode) on `data` at every grid point.
// The model's weights are restored afterwards. progress(done, total) after each row; `cancel`
// (may be null) is checked between cells. Not thread-safe with other use of the model.
LandscapeGrid loss_grid(Trainer& trainer, const Dataset& data, const LandscapePlane& plane,
                        const GridRange& range,
                        const std::function<void(int done, int total)>& progress = {},
                        const std::atomic<bool>* cancel = nullptr);

// The loss at (1 - t) w0 + t w1 for `points` values of t from t_min to t_max (t = 0: w0,
// t = 1: w1). Weights restored afterwards.
struct LineLoss {
  std::vector<double> t, loss;
};
LineLoss loss_along_line(Trainer& trainer, const Dataset& data, const std::vector<float>& w0,
                         const std::vector<float>& w1, int points, double t_min = -0.25,
                         double t_max = 1.25);

// The loss of the model with weights w (P), eval mode; the weights are restored afterwards.
double loss_at(Trainer& trainer, const Dataset& data, const std::vector<float>& w);

}  // namespace bp
