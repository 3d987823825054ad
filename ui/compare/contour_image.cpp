#include "ui/compare/contour_image.h"

#include <QColor>
#include <algorithm>
#include <cmath>

namespace bp::ui {
namespace {

// A perceptual dark-blue -> teal -> yellow ramp (viridis-like).
QRgb ramp(double t) {
  static const double stops[][3] = {
      {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
  t = std::clamp(t, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  auto mix = [&](int c) {
    return static_cast<int>(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]));
  };
  return qRgb(mix(0), mix(1), mix(2));
}

}  // namespace

std::vector<double> sample_field(const std::function<double(double, double)>& f, double x0,
                                 double x1, double y0, double y1, int width, int height) {
  std::vector<double> v(static_cast<size_t>(width) * static_cast<size_t>(height));
  for (int j = 0; j < height; ++j)
    for (int i = 0; i < width; ++i)
      v[static_cast<size_t>(j) * static_cast<size_t>(width) + static_cast<size_t>(i)] =
          f(x0 + (x1 - x0) * (i + 0.5) / width, y0 + (y1 - y0) * (j + 0.5) / height);
  return v;
}

QImage contour_image(const std::vector<double>& values, int nx, int ny, int width, int height,
                     int levels) {
  QImage img(width, height, QImage::Format_RGB32);
  if (nx < 1 || ny < 1 || values.size() < static_cast<size_t>(nx) * static_cast<size_t>(ny)) {
    img.fill(Qt::lightGray);
    return img;
  }
  double lo = INFINITY, hi = -INFINITY;
  for (double v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) {
    img.fill(Qt::lightGray);
    return img;
  }
  // log levels of (v - lo + eps): eps sets how deep the finest level reaches
  const double eps = std::max((hi - lo) * 1e-4, 1e-12);
  const double l0 = std::log(eps), l1 = std::log(hi - lo + eps);
  auto at = [&](double fx, double fy) {
    // fx, fy in grid index units (0..nx-1, 0..ny-1)
    fx = std::clamp(fx, 0.0, nx - 1.0), fy = std::clamp(fy, 0.0, ny - 1.0);
    const int i = std::min(nx - 2, static_cast<int>(fx)),
              j = std::min(ny - 2, static_cast<int>(fy));
    if (nx == 1 || ny == 1) return values[0];
    const double a = fx - i, b = fy - j;
    auto v = [&](int ii, int jj) {
      return values[static_cast<size_t>(jj) * static_cast<size_t>(nx) + static_cast<size_t>(ii)];
    };
    return (1 - a) * (1 - b) * v(i, j) + a * (1 - b) * v(i + 1, j) + (1 - a) * b * v(i, j + 1) +
           a * b * v(i + 1, j + 1);
  };
  std::vector<int> level(static_cast<size_t>(width) * static_cast<size_t>(height), -1);
  for (int r = 0; r < height; ++r) {
    const double fy = (height - 1 - r) * (ny - 1.0) / std::max(1, height - 1);
    for (int c = 0; c < width; ++c) {
      const double fx = c * (nx - 1.0) / std::max(1, width - 1);
      const double v = at(fx, fy);
      if (!std::isfinite(v)) continue;
      const double t = (std::log(v - lo + eps) - l0) / (l1 - l0);
      level[static_cast<size_t>(r) * static_cast<size_t>(width) + static_cast<size_t>(c)] =
          std::clamp(static_cast<int>(t * levels), 0, levels - 1);
    }
  }
  for (int r = 0; r < height; ++r) {
    QRgb* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < width; ++c) {
      const int k =
          level[static_cast<size_t>(r) * static_cast<size_t>(width) + static_cast<size_t>(c)];
      if (k < 0) {
        line[c] = qRgb(200, 200, 200);
        continue;
      }
      QColor col = QColor::fromRgb(ramp((k + 0.5) / levels));
      const bool edge =
          (c + 1 < width && level[static_cast<size_t>(r) * static_cast<size_t>(width) +
                                  static_cast<size_t>(c + 1)] != k) ||
          (r + 1 < height && level[static_cast<size_t>(r + 1) * static_cast<size_t>(width) +
                                   static_cast<size_t>(c)] != k);
      if (edge) col = col.darker(150);
      line[c] = col.rgb();
    }
  }
  return img;
}

}  // namespace bp::ui
