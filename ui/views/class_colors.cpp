#include "ui/views/class_colors.h"

#include <algorithm>
#include <array>

namespace bp::ui {

QColor class_color(int cls, int num_classes) {
  if (num_classes <= 2) return cls == 0 ? QColor(245, 147, 34) : QColor(8, 119, 189);
  static const std::array<QColor, 10> palette = {
      QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
      QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
      QColor(188, 189, 34),  QColor(23, 190, 207)};
  return palette[static_cast<size_t>(std::max(0, cls)) % palette.size()];
}

QColor tint(const QColor& c, float amount) {
  const float a = std::clamp(amount, 0.0f, 1.0f);
  auto mix = [a](int v) { return static_cast<int>(255.0f + (static_cast<float>(v) - 255.0f) * a); };
  return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QColor diverging_color(float t) {
  const float x = std::clamp(t, 0.0f, 1.0f);
  if (x < 0.5f) return tint(QColor(245, 147, 34), (0.5f - x) * 2.0f);
  return tint(QColor(8, 119, 189), (x - 0.5f) * 2.0f);
}

}  // namespace bp::ui
