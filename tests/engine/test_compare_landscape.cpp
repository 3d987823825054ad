// Loss landscape: PCA recovers a trajectory lying in a known plane, random directions are
// filter-normalised, the grid's loss at a recorded point equals the loss of those weights, the
// line between two weight vectors passes through both, and a grid can be cancelled.
#include <QtTest>
#include <cmath>
#include <random>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/compare/landscape.h"
#include "engine/compare/run_group.h"
#include "engine/compare/variation.h"
#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"

using namespace bp;

namespace {

DatasetSplits spiral() {
  DatasetSpec spec;
  spec.samples = 300;
  spec.seed = 2;
  return load_dataset(spec);
}

NetworkSpec mlp() {
  NodeSpec a, b;
  a.kind = b.kind = NodeKind::Linear;
  a.params.out_features = 8;
  a.params.activation = Activation::Tanh;
  b.params.out_features = 2;
  return make_sequential({2}, {a, b});
}

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += static_cast<double>(a[i]) * b[i];
  return s;
}

}  // namespace

class TestCompareLandscape : public QObject {
  Q_OBJECT
 private slots:
  void pca_recovers_a_trajectory_in_a_known_plane() {
    const size_t p = 50;
    std::mt19937 gen(4);
    std::normal_distribution<float> normal;
    std::vector<float> origin(p), u(p), v(p);
    for (size_t i = 0; i < p; ++i) origin[i] = normal(gen), u[i] = normal(gen), v[i] = normal(gen);
    // a spiral path in span{u, v} around the origin
    std::vector<std::vector<float>> points;
    std::vector<std::array<double, 2>> coords;
    for (int k = 0; k < 20; ++k) {
      const double a = 3.0 * std::cos(0.4 * k) * (20 - k) / 20.0;
      const double b = 1.0 * std::sin(0.4 * k) * (20 - k) / 20.0;
      std::vector<float> w(p);
      for (size_t i = 0; i < p; ++i)
        w[i] = origin[i] + static_cast<float>(a) * u[i] + static_cast<float>(b) * v[i];
      points.push_back(w);
      coords.push_back({a, b});
    }
    const LandscapePlane plane = pca_plane(points, origin);
    QVERIFY(std::fabs(dot(plane.d1, plane.d1) - 1.0) < 1e-5);
    QVERIFY(std::fabs(dot(plane.d1, plane.d2)) < 1e-5);
    QVERIFY(plane.explained[0] + plane.explained[1] > 0.999999);
    QVERIFY(plane.explained[0] > plane.explained[1]);
    // every point is reproduced exactly by its projection
    for (size_t k = 0; k < points.size(); ++k) {
      const auto c = project_onto(plane, points[k]);
      double err = 0;
      for (size_t i = 0; i < p; ++i) {
        const double r = plane.origin[i] + c[0] * plane.d1[i] + c[1] * plane.d2[i];
        err = std::max(err, std::fabs(r - points[k][i]));
      }
      QVERIFY2(err < 1e-4, std::to_string(err).c_str());
    }
    // distances within the plane are kept (the projection is an isometry of the plane)
    const auto c0 = project_onto(plane, points[0]), c5 = project_onto(plane, points[5]);
    double true_dist = 0;
    for (size_t i = 0; i < p; ++i) {
      const double d = points[0][i] - points[5][i];
      true_dist += d * d;
    }
    QVERIFY(std::fabs(std::hypot(c0[0] - c5[0], c0[1] - c5[1]) - std::sqrt(true_dist)) < 1e-4);
    // a degenerate trajectory (a line) is refused with a reason
    std::vector<std::vector<float>> line{points[0], origin};
    QVERIFY_THROWS_EXCEPTION(Error, pca_plane(line, origin));
  }

  void random_directions_are_filter_normalised() {
    CpuBackend backend;
    Model model(mlp(), backend, 3);
    std::vector<float> w(static_cast<size_t>(model.params().trainable_count()));
    backend.memory().download(model.params().values(), w.data());
    const LandscapePlane plane = random_plane(model.params(), w, 9);
    for (const ParamEntry& e : model.params().entries()) {
      const int64_t rows = e.decl.shape[0], per = e.decl.shape.numel() / rows;
      for (int64_t r = 0; r < rows; ++r) {
        double dn = 0, wn = 0;
        for (int64_t c = 0; c < per; ++c) {
          const size_t i = static_cast<size_t>(e.offset + r * per + c);
          dn += plane.d1[i] * plane.d1[i], wn += w[i] * w[i];
        }
        if (e.decl.shape.rank() >= 2)
          QVERIFY(std::fabs(std::sqrt(dn) - std::sqrt(wn)) < 1e-5 * (1 + std::sqrt(wn)));
        else
          QCOMPARE(dn, 0.0);  // biases: 0
      }
    }
    QVERIFY(random_plane(model.params(), w, 9).d2 == plane.d2);
    QVERIFY(random_plane(model.params(), w, 10).d1 != plane.d1);
  }

  void grid_loss_at_a_recorded_point_equals_its_loss() {
    CpuBackend backend;
    const DatasetSplits data = spiral();
    TrainConfig config;
    config.optimizer.lr = 0.1f;
    config.epochs = 8;
    RunGroup group(
        make_runs(mlp(), config, {{CompareVariable::Optimizer, {"SGD", "Adam(lr=0.02)"}}}, 1), data,
        backend);
    while (group.advance(100) > 0) {
    }
    std::vector<std::vector<float>> points;
    for (size_t i = 0; i < group.size(); ++i)
      for (const auto& w : group.run(i).weights) points.push_back(w);
    const std::vector<float> centre = group.run(0).weights.back();
    const LandscapePlane plane = pca_plane(points, centre);
    Trainer& trainer = *group.run(0).trainer;
    GridRange range;  // symmetric, odd size: (0, 0) is the centre cell
    range.nx = range.ny = 11;
    int calls = 0;
    const LandscapeGrid grid =
        loss_grid(trainer, data.train, plane, range, [&](int done, int total) {
          ++calls;
          QVERIFY(done <= total);
        });
    QVERIFY(grid.complete);
    QCOMPARE(calls, 11);
    const double at_centre = grid.loss[static_cast<size_t>(5 * 11 + 5)];
    QCOMPARE(at_centre, loss_at(trainer, data.train, centre));
    QCOMPARE(at_centre, trainer.evaluate(data.train).loss);  // the model's weights came back
    // the landscape is not flat, and the centre (a trained solution) is lower than the corners
    QVERIFY(grid.loss.front() > at_centre);
    // the line from the start to the end passes through both
    const LineLoss line =
        loss_along_line(trainer, data.train, group.run(0).weights.front(), centre, 11, 0.0, 1.0);
    QCOMPARE(line.loss.front(), loss_at(trainer, data.train, group.run(0).weights.front()));
    QCOMPARE(line.loss.back(), at_centre);
    QVERIFY(line.loss.front() > line.loss.back());
    // cancelling stops early, leaving NaN
    std::atomic<bool> cancel{true};
    const LandscapeGrid cancelled = loss_grid(trainer, data.train, plane, range, {}, &cancel);
    QVERIFY(!cancelled.complete);
    QVERIFY(std::isnan(cancelled.loss.back()));
    // mis-sized inputs are refused
    LandscapePlane bad = plane;
    bad.d2.pop_back();
    QVERIFY_THROWS_EXCEPTION(Error, loss_grid(trainer, data.train, bad, range));
  }
};

QTEST_APPLESS_MAIN(TestCompareLandscape)
#include "test_compare_landscape.moc"
