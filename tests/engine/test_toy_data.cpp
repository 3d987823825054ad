// Toy generators: determinism per seed, sizes and labels, noise, extent, derived features and
// standardization, and load_dataset's splits for toy data (with the points added by clicking).
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/data/derived_features.h"
#include "engine/data/extra_points.h"
#include "engine/data/standardize.h"
#include "engine/data/toy_generators.h"

using namespace bp;

namespace {

const ToyKind kAllKinds[] = {ToyKind::Circle, ToyKind::Xor,          ToyKind::Gaussians,
                             ToyKind::Spiral, ToyKind::Moons,        ToyKind::Checkerboard,
                             ToyKind::Blobs,  ToyKind::Plane,        ToyKind::GaussianBumps,
                             ToyKind::Sine1d, ToyKind::Polynomial1d, ToyKind::Step1d};

std::vector<int> class_counts(const Dataset& ds) {
  std::vector<int> counts(static_cast<size_t>(ds.num_classes), 0);
  for (float t : ds.targets) ++counts.at(static_cast<size_t>(t));
  return counts;
}

}  // namespace

class TestToyData : public QObject {
  Q_OBJECT
 private slots:
  void every_kind_has_right_sizes_and_is_deterministic() {
    for (ToyKind kind : kAllKinds) {
      const QString name = toy_name(kind);
      const Dataset a = generate_toy(kind, 301, 0.2f, 3, 42);
      const Dataset b = generate_toy(kind, 301, 0.2f, 3, 42);
      const Dataset c = generate_toy(kind, 301, 0.2f, 3, 43);
      const int dim = toy_input_dim(kind);
      QVERIFY2(a.size() == 301, qPrintable(name));
      QCOMPARE(toy_kind_from_name(toy_name(kind)), std::optional<ToyKind>(kind));
      QCOMPARE(a.sample_shape, (Shape{dim}));
      QCOMPARE(a.features.size(), size_t{301} * static_cast<size_t>(dim));
      QCOMPARE(a.targets.size(), size_t{301});
      QCOMPARE(a.target_dim, 1);
      QCOMPARE(static_cast<int>(a.feature_names.size()), dim);
      QVERIFY2(a.features == b.features && a.targets == b.targets, qPrintable(name));
      QVERIFY2(a.features != c.features, qPrintable(name + ": another seed, other points"));
      for (float v : a.features) QVERIFY2(std::isfinite(v), qPrintable(name));
      if (toy_is_classification(kind)) {
        QCOMPARE(a.task, TaskKind::Classification);
        const int k = toy_num_classes(kind, 3);
        QCOMPARE(a.num_classes, k);
        QCOMPARE(static_cast<int>(a.class_names.size()), k);
        const std::vector<int> counts = class_counts(a);  // throws on a label outside 0..k-1
        for (int cnt : counts) QVERIFY2(cnt > 301 / k / 3, qPrintable(name + ": every class"));
        for (float t : a.targets) QCOMPARE(t, std::round(t));
      } else {
        QCOMPARE(a.task, TaskKind::Regression);
        QCOMPARE(a.num_classes, 0);
      }
    }
  }

  void noise_changes_points_or_targets() {
    for (ToyKind kind : kAllKinds) {
      const Dataset clean = generate_toy(kind, 200, 0.0f, 2, 5);
      const Dataset noisy = generate_toy(kind, 200, 0.3f, 2, 5);
      const bool changed = clean.features != noisy.features || clean.targets != noisy.targets;
      QVERIFY2(changed, toy_name(kind));
    }
    // regression: noise moves targets away from the clean function
    const Dataset sine = generate_toy(ToyKind::Sine1d, 400, 0.0f, 2, 9);
    for (int64_t i = 0; i < sine.size(); ++i)
      QVERIFY(std::abs(*sine.target(i) - std::sin(*sine.sample(i))) < 1e-6f);
    const Dataset noisy = generate_toy(ToyKind::Sine1d, 400, 0.5f, 2, 9);
    double sq = 0;
    for (int64_t i = 0; i < noisy.size(); ++i) {
      const double r = *noisy.target(i) - std::sin(*noisy.sample(i));
      sq += r * r;
    }
    const double sd = std::sqrt(sq / static_cast<double>(noisy.size()));
    QVERIFY2(sd > 0.4 && sd < 0.6, qPrintable(QString::number(sd)));
  }

  void clean_data_lies_in_the_extent() {
    for (ToyKind kind : kAllKinds) {
      const Dataset ds = generate_toy(kind, 500, 0.0f, 5, 3);
      const ToyExtent e = toy_extent(kind);
      for (int64_t i = 0; i < ds.size(); ++i) {
        const float* p = ds.sample(i);
        QVERIFY2(p[0] >= e.x_min && p[0] <= e.x_max, toy_name(kind));
        if (toy_input_dim(kind) == 2)
          QVERIFY2(p[1] >= e.y_min && p[1] <= e.y_max, toy_name(kind));
        else
          QVERIFY2(*ds.target(i) >= e.y_min && *ds.target(i) <= e.y_max, toy_name(kind));
      }
    }
    QCOMPARE(toy_extent(ToyKind::Spiral).x_min, -6.0f);
    QVERIFY(!toy_kind_from_name("spirals").has_value());
    QCOMPARE(toy_extent(ToyKind::Spiral).y_max, 6.0f);
  }

  void labels_follow_the_geometry_without_noise() {
    const Dataset circle = generate_toy(ToyKind::Circle, 400, 0.0f, 2, 1);
    for (int64_t i = 0; i < circle.size(); ++i) {
      const float r = std::hypot(circle.sample(i)[0], circle.sample(i)[1]);
      QVERIFY(*circle.target(i) == 0.0f ? r <= 2.5f : (r >= 3.5f && r <= 5.0f));
    }
    const Dataset x = generate_toy(ToyKind::Xor, 400, 0.0f, 2, 1);
    for (int64_t i = 0; i < x.size(); ++i) {
      const float prod = x.sample(i)[0] * x.sample(i)[1];
      QCOMPARE(*x.target(i), prod >= 0 ? 0.0f : 1.0f);
    }
    const Dataset board = generate_toy(ToyKind::Checkerboard, 400, 0.0f, 2, 1);
    for (int64_t i = 0; i < board.size(); ++i) {
      const int cx = static_cast<int>(std::floor((board.sample(i)[0] + 6) / 3));
      const int cy = static_cast<int>(std::floor((board.sample(i)[1] + 6) / 3));
      QCOMPARE(*board.target(i), static_cast<float>((cx + cy) % 2));
    }
    const Dataset step = generate_toy(ToyKind::Step1d, 100, 0.0f, 2, 1);
    for (int64_t i = 0; i < step.size(); ++i)
      QCOMPARE(*step.target(i), *step.sample(i) < 0 ? -1.0f : 1.0f);
    const Dataset plane = generate_toy(ToyKind::Plane, 100, 0.0f, 2, 1);
    for (int64_t i = 0; i < plane.size(); ++i)
      QVERIFY(std::abs(*plane.target(i) - (plane.sample(i)[0] + plane.sample(i)[1]) / 12) < 1e-6f);
  }

  void spiral_and_blobs_have_k_classes() {
    for (int k : {2, 3, 5}) {
      for (ToyKind kind : {ToyKind::Spiral, ToyKind::Blobs}) {
        const Dataset ds = generate_toy(kind, 100, 0.1f, k, 7);
        QCOMPARE(ds.num_classes, k);
        const std::vector<int> counts = class_counts(ds);
        for (int c = 0; c < k; ++c)
          QCOMPARE(counts[static_cast<size_t>(c)], 100 / k + (c < 100 % k));
      }
    }
    // the binary sets are balanced
    QCOMPARE(class_counts(generate_toy(ToyKind::Circle, 101, 0.1f, 2, 1)),
             (std::vector<int>{51, 50}));
    QCOMPARE(class_counts(generate_toy(ToyKind::Moons, 100, 0.1f, 2, 1)),
             (std::vector<int>{50, 50}));
  }

  void bad_arguments_are_refused() {
    QVERIFY_THROWS_EXCEPTION(Error, generate_toy(ToyKind::Spiral, 0, 0.1f, 2, 1));
    QVERIFY_THROWS_EXCEPTION(Error, generate_toy(ToyKind::Spiral, 10, 1.5f, 2, 1));
    QVERIFY_THROWS_EXCEPTION(Error, generate_toy(ToyKind::Spiral, 10, 0.1f, 1, 1));
    QVERIFY_THROWS_EXCEPTION(Error, generate_toy(ToyKind::Blobs, 10, 0.1f, 17, 1));
    try {
      generate_toy(ToyKind::Blobs, 10, 0.1f, 1, 1);
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("between 2 and 16 classes"));
    }
    // classes is ignored by the fixed-class generators
    QCOMPARE(generate_toy(ToyKind::Circle, 10, 0.1f, 1, 1).num_classes, 2);
  }

  void derived_features_are_appended_with_names() {
    Dataset ds = generate_toy(ToyKind::Circle, 50, 0.1f, 2, 1);
    const Dataset raw = ds;
    DatasetSpec spec;
    spec.feature_x2 = spec.feature_xy = spec.feature_siny = true;
    QCOMPARE(derived_feature_count(spec), 3);
    append_derived_features(ds, spec);
    QCOMPARE(ds.sample_shape, (Shape{5}));
    QCOMPARE(ds.feature_names, (std::vector<std::string>{"x1", "x2", "x1^2", "x1*x2", "sin(x2)"}));
    for (int64_t i = 0; i < ds.size(); ++i) {
      const float x = raw.sample(i)[0], y = raw.sample(i)[1];
      const float* row = ds.sample(i);
      QCOMPARE(row[0], x);
      QCOMPARE(row[1], y);
      QCOMPARE(row[2], x * x);
      QCOMPARE(row[3], x * y);
      QCOMPARE(row[4], std::sin(y));
    }
    Dataset one_d = generate_toy(ToyKind::Sine1d, 10, 0.1f, 2, 1);
    QVERIFY_THROWS_EXCEPTION(Error, append_derived_features(one_d, spec));
  }

  void load_dataset_splits_standardizes_and_maps_grid_points() {
    DatasetSpec spec;
    spec.toy = ToyKind::Spiral;
    spec.samples = 500;
    spec.feature_x2 = spec.feature_sinx = true;
    spec.standardize = true;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 350);
    QCOMPARE(s.validation.size(), 75);
    QCOMPARE(s.test.size(), 75);
    QCOMPARE(s.train.sample_shape, (Shape{4}));
    // the training split is standardized with its own statistics
    const ColumnStats st = column_stats(s.train);
    for (int c = 0; c < 4; ++c) {
      QVERIFY(std::abs(st.mean[static_cast<size_t>(c)]) < 1e-4f);
      QVERIFY(std::abs(st.std[static_cast<size_t>(c)] - 1.0f) < 1e-3f);
    }
    QCOMPARE(s.test.input_mean, s.train.input_mean);
    // raw points mapped like the data: recover raw rows from an unstandardized load
    DatasetSpec raw_spec = spec;
    raw_spec.standardize = false;
    const DatasetSplits raw = load_dataset(raw_spec);
    QVERIFY(raw.train.input_mean.empty());
    float xy[4] = {raw.test.sample(0)[0], raw.test.sample(0)[1], raw.test.sample(1)[0],
                   raw.test.sample(1)[1]};
    float mapped[8];
    map_points_to_inputs(spec, s.train, xy, 2, mapped);
    for (int i = 0; i < 2; ++i)
      for (int c = 0; c < 4; ++c)
        QVERIFY(std::abs(mapped[i * 4 + c] - s.test.sample(i)[c]) < 1e-5f);
    // 1-D data: one value per point
    DatasetSpec sine;
    sine.toy = ToyKind::Sine1d;
    sine.standardize = true;
    const DatasetSplits s1 = load_dataset(sine);
    sine.standardize = false;
    const DatasetSplits r1 = load_dataset(sine);
    const float x[2] = {r1.test.sample(0)[0], r1.test.sample(3)[0]};
    float m1[2];
    map_points_to_inputs(sine, s1.train, x, 2, m1);
    QVERIFY(std::abs(m1[0] - s1.test.sample(0)[0]) < 1e-5f);
    QVERIFY(std::abs(m1[1] - s1.test.sample(3)[0]) < 1e-5f);
  }

  void load_dataset_appends_extra_points_to_the_training_split_only() {
    DatasetSpec spec;
    spec.toy = ToyKind::Spiral;
    spec.classes = 3;
    spec.samples = 300;
    spec.feature_x2 = spec.feature_sinx = true;
    spec.standardize = true;
    const DatasetSplits base = load_dataset(spec);
    DatasetSpec with = spec;
    with.extra_points = {{1.5f, -2.0f, 2.0f}, {0.25f, 3.0f, 0.0f}};
    const DatasetSplits s = load_dataset(with);
    const int64_t n = base.train.size();
    QCOMPARE(s.train.size(), n + 2);
    // The generated samples, the other splits and the standardization stay as they were.
    QVERIFY(std::equal(base.train.features.begin(), base.train.features.end(),
                       s.train.features.begin()));
    QVERIFY(
        std::equal(base.train.targets.begin(), base.train.targets.end(), s.train.targets.begin()));
    QCOMPARE(s.validation.features, base.validation.features);
    QCOMPARE(s.test.features, base.test.features);
    QCOMPARE(s.test.targets, base.test.targets);
    QCOMPARE(s.train.input_mean, base.train.input_mean);
    QCOMPARE(s.train.input_std, base.train.input_std);
    // The added rows are the points mapped like a grid point: derived features, standardized.
    const float xy[4] = {1.5f, -2.0f, 0.25f, 3.0f};
    float mapped[8];
    map_points_to_inputs(spec, base.train, xy, 2, mapped);
    for (int i = 0; i < 2; ++i)
      for (int c = 0; c < 4; ++c) QCOMPARE(s.train.sample(n + i)[c], mapped[i * 4 + c]);
    QCOMPARE(s.train.target(n)[0], 2.0f);
    QCOMPARE(s.train.target(n + 1)[0], 0.0f);

    // A label that is not a class is an error that names the point; 1-D toys train without them.
    with.extra_points.push_back({0.0f, 0.0f, 3.0f});
    QVERIFY_THROWS_EXCEPTION(Error, load_dataset(with));
    try {
      load_dataset(with);
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("added point 3 (0, 0): the label 3 is not a class"),
               e.what());
    }
    DatasetSpec sine;
    sine.toy = ToyKind::Sine1d;
    const int64_t sine_n = load_dataset(sine).train.size();
    sine.extra_points = {{1.0f, 0.5f, 0.5f}};
    QCOMPARE(load_dataset(sine).train.size(), sine_n);
  }

  void unfit_extra_points_are_dropped_with_their_class() {
    DatasetSpec spec;
    spec.toy = ToyKind::Blobs;
    spec.classes = 4;
    spec.extra_points = {{0, 0, 3}, {1, 1, 1}, {2, 2, 2}};
    QCOMPARE(drop_unfit_extra_points(spec), size_t{0});
    spec.classes = 2;
    QCOMPARE(drop_unfit_extra_points(spec), size_t{2});
    QCOMPARE(spec.extra_points.size(), size_t{1});
    QCOMPARE(spec.extra_points[0][2], 1.0f);
    QVERIFY(extra_point_problem(spec, {0, std::nanf(""), 0}).find("y is not a finite number") !=
            std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestToyData)
#include "test_toy_data.moc"
