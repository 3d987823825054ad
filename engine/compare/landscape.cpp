#include "engine/compare/landscape.h"

// GCC 12 reports false "may be used uninitialized" inside its own AVX-512 intrinsics when Eigen's
// products are instantiated with -march=x86-64-v4 (as in engine/backend/cpu); silence only that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "engine/core/error.h"

namespace bp {
namespace {

void check_size(const std::vector<float>& v, size_t p, const char* what) {
  if (v.size() != p)
    throw Error(std::string("landscape: ") + what + " has " + std::to_string(v.size()) +
                " values, the model has " + std::to_string(p) + " parameters");
}

// Sets the model's trainable weights to w for the lifetime of the guard.
class WeightsGuard {
 public:
  explicit WeightsGuard(Model& model) : model_(model) {
    Tensor& values = model.params().values();
    saved_.resize(static_cast<size_t>(values.numel()));
    model.backend().memory().download(values, saved_.data());
  }
  ~WeightsGuard() { set(saved_); }
  void set(const std::vector<float>& w) {
    model_.backend().memory().upload(w.data(), model_.params().values());
  }
  size_t size() const { return saved_.size(); }

 private:
  Model& model_;
  std::vector<float> saved_;
};

}  // namespace

LandscapePlane pca_plane(const std::vector<std::vector<float>>& points,
                         const std::vector<float>& origin) {
  const size_t p = origin.size();
  if (points.size() < 2) throw Error("landscape: PCA needs at least two recorded weight vectors");
  // At most kMaxPoints rows, evenly spaced over the list (the K x K eigenproblem is O(K^3)).
  constexpr size_t kMaxPoints = 300;
  std::vector<const std::vector<float>*> rows;
  const size_t n = points.size();
  for (size_t i = 0; i < std::min(n, kMaxPoints); ++i)
    rows.push_back(&points[n <= kMaxPoints ? i : i * (n - 1) / (kMaxPoints - 1)]);
  const Eigen::Index k = static_cast<Eigen::Index>(rows.size());
  // M: (K, P) differences; the Gram matrix G = M M^T (K, K) has the same nonzero eigenvalues as
  // the covariance M^T M, and its eigenvectors u give the principal directions M^T u / sqrt(l).
  Eigen::MatrixXd m(k, static_cast<Eigen::Index>(p));
  for (Eigen::Index r = 0; r < k; ++r) {
    const std::vector<float>& w = *rows[static_cast<size_t>(r)];
    check_size(w, p, "a recorded weight vector");
    for (size_t c = 0; c < p; ++c)
      m(r, static_cast<Eigen::Index>(c)) = static_cast<double>(w[c]) - origin[c];
  }
  const Eigen::MatrixXd g = m * m.transpose();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(g);
  const Eigen::VectorXd values = eig.eigenvalues();  // ascending
  const double total = std::max(values.sum(), 0.0);
  const double l1 = values(k - 1), l2 = values(k - 2);
  if (!(total > 0.0) || l2 <= total * 1e-12)
    throw Error(
        "landscape: the recorded weights span fewer than two directions (record more epochs, or "
        "use random directions)");
  LandscapePlane plane;
  plane.origin = origin;
  const Eigen::VectorXd v1 = m.transpose() * eig.eigenvectors().col(k - 1) / std::sqrt(l1);
  const Eigen::VectorXd v2 = m.transpose() * eig.eigenvectors().col(k - 2) / std::sqrt(l2);
  plane.d1.resize(p);
  plane.d2.resize(p);
  for (size_t c = 0; c < p; ++c) {
    plane.d1[c] = static_cast<float>(v1(static_cast<Eigen::Index>(c)));
    plane.d2[c] = static_cast<float>(v2(static_cast<Eigen::Index>(c)));
  }
  plane.explained = {l1 / total, l2 / total};
  return plane;
}

LandscapePlane random_plane(const ParameterStore& layout, const std::vector<float>& origin,
                            uint64_t seed) {
  const size_t p = static_cast<size_t>(layout.trainable_count());
  check_size(origin, p, "the centre");
  LandscapePlane plane;
  plane.origin = origin;
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal;
  for (std::vector<float>* d : {&plane.d1, &plane.d2}) {
    d->assign(p, 0.0f);
    for (const ParamEntry& e : layout.entries()) {
      if (!e.decl.trainable) continue;
      const Shape& s = e.decl.shape;
      // Only weights of rank >= 2 have filters; biases and norm parameters stay 0.
      if (s.rank() < 2 || !(e.node_kind == NodeKind::Linear || e.node_kind == NodeKind::Conv2d ||
                            e.node_kind == NodeKind::LocallyConnected2d))
        continue;
      const int64_t rows = s[0];
      const int64_t per = s.numel() / rows;
      for (int64_t r = 0; r < rows; ++r) {
        const size_t at = static_cast<size_t>(e.offset + r * per);
        double dn = 0.0, wn = 0.0;
        std::vector<double> g(static_cast<size_t>(per));
        for (int64_t c = 0; c < per; ++c) {
          g[static_cast<size_t>(c)] = normal(gen);
          dn += g[static_cast<size_t>(c)] * g[static_cast<size_t>(c)];
          wn += static_cast<double>(origin[at + static_cast<size_t>(c)]) *
                origin[at + static_cast<size_t>(c)];
        }
        const double scale = dn > 0.0 ? std::sqrt(wn / dn) : 0.0;
        for (int64_t c = 0; c < per; ++c)
          (*d)[at + static_cast<size_t>(c)] = static_cast<float>(g[static_cast<size_t>(c)] * scale);
      }
    }
  }
  return plane;
}

std::array<double, 2> project_onto(const LandscapePlane& plane, const std::vector<float>& w) {
  const size_t p = plane.origin.size();
  check_size(w, p, "a weight vector");
  double a11 = 0, a12 = 0, a22 = 0, r1 = 0, r2 = 0;
  for (size_t c = 0; c < p; ++c) {
    const double x = static_cast<double>(w[c]) - plane.origin[c];
    const double u = plane.d1[c], v = plane.d2[c];
    a11 += u * u, a12 += u * v, a22 += v * v, r1 += u * x, r2 += v * x;
  }
  const double det = a11 * a22 - a12 * a12;
  if (!(std::fabs(det) > 0.0)) return {0.0, 0.0};
  return {(a22 * r1 - a12 * r2) / det, (a11 * r2 - a12 * r1) / det};
}

GridRange range_around(const std::vector<std::array<double, 2>>& points, double margin, int n) {
  GridRange r;
  double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
  for (const auto& q : points) {
    a0 = std::min(a0, q[0]), a1 = std::max(a1, q[0]);
    b0 = std::min(b0, q[1]), b1 = std::max(b1, q[1]);
  }
  const double da = std::max(a1 - a0, 1e-3), db = std::max(b1 - b0, 1e-3);
  r.a_min = a0 - margin * da, r.a_max = a1 + margin * da;
  r.b_min = b0 - margin * db, r.b_max = b1 + margin * db;
  r.nx = r.ny = n;
  return r;
}

double loss_at(Trainer& trainer, const Dataset& data, const std::vector<float>& w) {
  WeightsGuard guard(trainer.model());
  check_size(w, guard.size(), "the weights");
  guard.set(w);
  return trainer.evaluate(data).loss;
}

LandscapeGrid loss_grid(Trainer& trainer, const Dataset& data, const LandscapePlane& plane,
                        const GridRange& range,
                        const std::function<void(int done, int total)>& progress,
                        const std::atomic<bool>* cancel) {
  if (range.nx < 2 || range.ny < 2 || range.nx > 1000 || range.ny > 1000)
    throw Error("landscape: the grid needs 2 to 1000 points per side");
  if (data.size() == 0) throw Error("landscape: no samples to evaluate the loss on");
  WeightsGuard guard(trainer.model());
  const size_t p = guard.size();
  check_size(plane.origin, p, "the centre");
  check_size(plane.d1, p, "direction 1");
  check_size(plane.d2, p, "direction 2");
  LandscapeGrid grid;
  grid.nx = range.nx, grid.ny = range.ny;
  grid.a_min = range.a_min, grid.a_max = range.a_max;
  grid.b_min = range.b_min, grid.b_max = range.b_max;
  grid.loss.assign(static_cast<size_t>(grid.nx * grid.ny),
                   std::numeric_limits<double>::quiet_NaN());
  std::vector<float> w(p);
  for (int j = 0; j < grid.ny; ++j) {
    const float b = static_cast<float>(grid.b(j));
    for (int i = 0; i < grid.nx; ++i) {
      if (cancel && cancel->load()) return grid;
      const float a = static_cast<float>(grid.a(i));
      for (size_t c = 0; c < p; ++c) w[c] = plane.origin[c] + a * plane.d1[c] + b * plane.d2[c];
      guard.set(w);
      grid.loss[static_cast<size_t>(j * grid.nx + i)] = trainer.evaluate(data).loss;
    }
    if (progress) progress((j + 1) * grid.nx, grid.nx * grid.ny);
  }
  grid.complete = true;
  return grid;
}

LineLoss loss_along_line(Trainer& trainer, const Dataset& data, const std::vector<float>& w0,
                         const std::vector<float>& w1, int points, double t_min, double t_max) {
  if (points < 2) throw Error("landscape: a line needs at least two points");
  WeightsGuard guard(trainer.model());
  const size_t p = guard.size();
  check_size(w0, p, "the first weights");
  check_size(w1, p, "the second weights");
  LineLoss line;
  std::vector<float> w(p);
  for (int k = 0; k < points; ++k) {
    const double t = t_min + (t_max - t_min) * k / (points - 1);
    const float tf = static_cast<float>(t);
    for (size_t c = 0; c < p; ++c) w[c] = (1.0f - tf) * w0[c] + tf * w1[c];  // exact at 0 and 1
    guard.set(w);
    line.t.push_back(t);
    line.loss.push_back(trainer.evaluate(data).loss);
  }
  return line;
}

}  // namespace bp
