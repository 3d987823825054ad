#include "ui/views/sample_image.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace bp::ui {

QImage sample_image(const float* pixels, int channels, int height, int width,
                    const std::vector<float>& mean, const std::vector<float>& std) {
  QImage img(width, height, QImage::Format_RGB32);
  if (channels < 1 || height < 1 || width < 1) return img;
  const int64_t plane = static_cast<int64_t>(height) * width;
  const int shown = channels >= 3 ? 3 : 1;
  const bool denormalize =
      static_cast<int>(mean.size()) >= shown && static_cast<int>(std.size()) >= shown;
  float lo = 0.0f, span = 1.0f;
  if (!denormalize) {
    const auto [mn, mx] = std::minmax_element(pixels, pixels + shown * plane);
    lo = *mn;
    span = std::max(*mx - *mn, 1e-12f);
  }
  auto level = [&](int c, int64_t i) {
    const float v = pixels[c * plane + i];
    const float x = denormalize ? v * std[static_cast<size_t>(c)] + mean[static_cast<size_t>(c)]
                                : (v - lo) / span;
    return std::clamp(static_cast<int>(std::lround(255.0f * x)), 0, 255);
  };
  for (int y = 0; y < height; ++y) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
    for (int x = 0; x < width; ++x) {
      const int64_t i = static_cast<int64_t>(y) * width + x;
      const int r = level(0, i);
      line[x] = shown == 3 ? qRgb(r, level(1, i), level(2, i)) : qRgb(r, r, r);
    }
  }
  return img;
}

}  // namespace bp::ui
