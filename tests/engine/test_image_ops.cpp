// Image resizing: the fast separable kernels against the naive reference and against PyTorch's
// F.interpolate (fixture); per-channel normalization statistics.
#include <QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/core/rng.h"
#include "engine/data/image_ops.h"

using namespace bp;

namespace {

std::vector<float> random_images(int64_t count, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(static_cast<size_t>(count));
  for (float& x : v) x = rng.uniform();
  return v;
}

float max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
  float m = 0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::abs(a[i] - b[i]));
  return m;
}

}  // namespace

class TestImageOps : public QObject {
  Q_OBJECT
 private slots:
  void fast_resize_matches_naive_reference() {
    struct Case {
      int64_t c, h, w, oh, ow;
    };
    const Case cases[] = {{1, 28, 28, 16, 16}, {1, 28, 28, 8, 8}, {3, 7, 9, 4, 5},
                          {1, 28, 28, 14, 7},  {2, 5, 6, 11, 13}, {1, 1, 1, 3, 2}};
    for (const Case& k : cases)
      for (ResizeMode mode : {ResizeMode::Area, ResizeMode::Bilinear}) {
        const int64_t n = 3;
        const ImageSize in{k.c, k.h, k.w};
        const std::vector<float> src = random_images(n * k.c * k.h * k.w, 11);
        std::vector<float> fast(static_cast<size_t>(n * k.c * k.oh * k.ow), -1.0f);
        std::vector<float> ref(fast.size(), -2.0f);
        resize_images(src.data(), n, in, fast.data(), k.oh, k.ow, mode);
        naive_resize_images(src.data(), n, in, ref.data(), k.oh, k.ow, mode);
        QVERIFY2(max_abs_diff(fast, ref) < 1e-5f,
                 qPrintable(QString("%1x%2 -> %3x%4").arg(k.h).arg(k.w).arg(k.oh).arg(k.ow)));
      }
  }

  void resize_matches_pytorch_fixture() {
    std::ifstream in(std::string(BP_SOURCE_DIR) +
                     "/tests/reference/fixtures/data_image_resize.json");
    QVERIFY(in.good());
    const nlohmann::json fixture = nlohmann::json::parse(in);
    int checked = 0;
    for (const auto& c : fixture["cases"]) {
      const auto input = c["input"].get<std::vector<float>>();
      const auto expected = c["output"].get<std::vector<float>>();
      const int64_t n = c["n"], h = c["in"][0], w = c["in"][1], oh = c["out"][0], ow = c["out"][1];
      const ResizeMode mode = c["mode"] == "area" ? ResizeMode::Area : ResizeMode::Bilinear;
      std::vector<float> out(expected.size());
      resize_images(input.data(), n, ImageSize{1, h, w}, out.data(), oh, ow, mode);
      QVERIFY2(max_abs_diff(out, expected) < 1e-5f, c["mode"].get<std::string>().c_str());
      ++checked;
    }
    QCOMPARE(checked, 5);
  }

  void constant_images_stay_constant_and_area_keeps_the_mean() {
    std::vector<float> src(2 * 28 * 28, 0.25f), dst(2 * 16 * 16);
    for (ResizeMode mode : {ResizeMode::Area, ResizeMode::Bilinear}) {
      resize_images(src.data(), 2, ImageSize{1, 28, 28}, dst.data(), 16, 16, mode);
      for (float v : dst) QVERIFY(std::abs(v - 0.25f) < 1e-6f);
    }
    const std::vector<float> img = random_images(28 * 28, 3);
    std::vector<float> small(10 * 10);
    resize_images(img.data(), 1, ImageSize{1, 28, 28}, small.data(), 10, 10, ResizeMode::Area);
    double a = 0, b = 0;
    for (float v : img) a += v;
    for (float v : small) b += v;
    QVERIFY(std::abs(a / 784 - b / 100) < 1e-5);
  }

  void channel_stats_and_normalization() {
    Dataset ds;
    ds.sample_shape = Shape{2, 1, 2};
    ds.features = {0, 2, 10, 10, 4, 6, 10, 10};  // channel 0: 0 2 4 6, channel 1: constant
    ds.targets = {0, 1};
    const ChannelStats st = channel_stats(ds);
    QCOMPARE(st.mean, (std::vector<float>{3.0f, 10.0f}));
    QVERIFY(std::abs(st.std[0] - std::sqrt(5.0f)) < 1e-6f);
    QCOMPARE(st.std[1], 1.0f);  // constant channel: divide by 1, not 0
    apply_channel_stats(ds, st);
    QVERIFY(std::abs(ds.features[0] + 3.0f / std::sqrt(5.0f)) < 1e-6f);
    QCOMPARE(ds.features[2], 0.0f);
    QCOMPARE(ds.input_mean, st.mean);
  }

  void resize_dataset_refuses_vector_data() {
    Dataset ds;
    ds.sample_shape = Shape{2};
    ds.features = {1, 2};
    QVERIFY_THROWS_EXCEPTION(std::exception, resize_dataset(ds, 16));
  }
};

QTEST_APPLESS_MAIN(TestImageOps)
#include "test_image_ops.moc"
