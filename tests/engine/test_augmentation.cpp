// Training-time augmentation: changes samples but keeps shapes, deterministic per Rng state,
// shifts are integer shifts with background fill, rotation direction, noise level.
#include <QtTest>

#include <cmath>

#include "engine/data/augmentation.h"
#include "engine/data/dataset_spec.h"

using namespace bp;

namespace {

// n images (1, 8, 8): a bright 2x2 square near the centre on black.
std::vector<float> squares(int64_t n) {
  std::vector<float> v(static_cast<size_t>(n * 64), 0.0f);
  for (int64_t i = 0; i < n; ++i)
    for (int y = 3; y < 5; ++y)
      for (int x = 3; x < 5; ++x) v[static_cast<size_t>(i * 64 + y * 8 + x)] = 1.0f;
  return v;
}

}  // namespace

class TestAugmentation : public QObject {
  Q_OBJECT
 private slots:
  void images_change_but_keep_shape_and_are_deterministic() {
    DatasetSpec spec;
    spec.shift_pixels = 2;
    spec.rotate_degrees = 15.0f;
    spec.pixel_noise = 0.05f;
    const Shape shape{1, 8, 8};
    QVERIFY(augmentation_enabled(spec, shape));
    const std::vector<float> original = squares(16);
    std::vector<float> a = original, b = original, c = original;
    Rng r1(5), r2(5), r3(6);
    augment_batch(a.data(), 16, shape, spec, r1);
    augment_batch(b.data(), 16, shape, spec, r2);
    augment_batch(c.data(), 16, shape, spec, r3);
    QCOMPARE(a.size(), original.size());
    QVERIFY(a != original);
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QCOMPARE(r1.next_u64(), r2.next_u64());  // same number of draws
    for (float v : a) QVERIFY(std::isfinite(v));
  }

  void shifts_are_integer_moves_with_background_fill() {
    DatasetSpec spec;
    spec.shift_pixels = 3;
    const Shape shape{1, 8, 8};
    const int64_t n = 40;
    std::vector<float> batch = squares(n);
    for (float& v : batch) v = v * 2.0f - 0.5f;  // "normalized": background -0.5, square 1.5
    Rng rng(1);
    augment_batch(batch.data(), n, shape, spec, rng);
    int moved = 0;
    for (int64_t i = 0; i < n; ++i) {
      const float* img = batch.data() + i * 64;
      // find the square's top-left corner; everything else must be background
      int sx = -1, sy = -1, bright = 0;
      for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) {
          const float v = img[y * 8 + x];
          QVERIFY2(std::abs(v - 1.5f) < 1e-5f || std::abs(v + 0.5f) < 1e-5f, "whole pixels only");
          if (v > 0.5f) {
            ++bright;
            if (sx < 0) sx = x, sy = y;
          }
        }
      QCOMPARE(bright, 4);
      QVERIFY(std::abs(sx - 3) <= 3 && std::abs(sy - 3) <= 3);
      moved += sx != 3 || sy != 3;
    }
    QVERIFY(moved > n / 2);
  }

  void rotation_turns_counter_clockwise_on_screen() {
    // one bright pixel right of the centre of a 9x9 image; +90 degrees puts it above the centre
    std::vector<float> src(81, 0.0f), dst(81, -1.0f);
    src[4 * 9 + 7] = 1.0f;
    const float fill = 0.0f;
    affine_image(src.data(), dst.data(), 1, 9, 9, 0.0f, 0.0f, 90.0f, &fill);
    QVERIFY(std::abs(dst[1 * 9 + 4] - 1.0f) < 1e-5f);
    float total = 0;
    for (float v : dst) total += v;
    QVERIFY(std::abs(total - 1.0f) < 1e-5f);
    // identity transform copies
    affine_image(src.data(), dst.data(), 1, 9, 9, 0.0f, 0.0f, 0.0f, &fill);
    QCOMPARE(dst, src);
    // shift right by 1 with fill
    const float bg = -2.0f;
    affine_image(src.data(), dst.data(), 1, 9, 9, 1.0f, 0.0f, 0.0f, &bg);
    QCOMPARE(dst[4 * 9 + 8], 1.0f);
    QCOMPARE(dst[0], bg);  // column 0 came from outside
  }

  void pixel_noise_and_vector_jitter_have_the_requested_std() {
    DatasetSpec spec;
    spec.pixel_noise = 0.2f;
    std::vector<float> img(64 * 64, 0.0f);
    Rng rng(3);
    augment_batch(img.data(), 64, Shape{1, 8, 8}, spec, rng);
    double sq = 0;
    for (float v : img) sq += static_cast<double>(v) * v;
    const double sd = std::sqrt(sq / static_cast<double>(img.size()));
    QVERIFY2(std::abs(sd - 0.2) < 0.01, qPrintable(QString::number(sd)));

    DatasetSpec toy;
    toy.jitter = 0.5f;
    QVERIFY(augmentation_enabled(toy, Shape{2}));
    QVERIFY(!augmentation_enabled(toy, Shape{1, 8, 8}));
    std::vector<float> pts(2 * 2000, 1.0f);
    augment_batch(pts.data(), 2000, Shape{2}, toy, rng);
    double s = 0, q = 0;
    for (float v : pts) {
      s += v - 1.0;
      q += (v - 1.0) * (v - 1.0);
    }
    QVERIFY(std::abs(s / 4000) < 0.03);
    QVERIFY(std::abs(std::sqrt(q / 4000) - 0.5) < 0.03);
  }

  void nothing_requested_changes_nothing() {
    DatasetSpec spec;  // defaults: no augmentation
    std::vector<float> img = squares(4);
    const std::vector<float> before = img;
    Rng rng(1);
    QVERIFY(!augmentation_enabled(spec, Shape{1, 8, 8}));
    augment_batch(img.data(), 4, Shape{1, 8, 8}, spec, rng);
    QCOMPARE(img, before);
  }
};

QTEST_APPLESS_MAIN(TestAugmentation)
#include "test_augmentation.moc"
