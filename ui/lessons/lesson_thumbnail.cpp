#include "ui/lessons/lesson_thumbnail.h"

#include <QPainter>

#include "engine/data/toy_generators.h"
#include "ui/views/class_colors.h"

namespace bp::ui {

QPixmap lesson_thumbnail(const Lesson& lesson, int size) {
  QPixmap pm(size, size);
  pm.fill(Qt::white);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing);
  const DatasetSpec& d = lesson.projects.front().project.dataset;
  if (d.source == DatasetSource::Toy && toy_input_dim(d.toy) != 0) {
    const Dataset ds = generate_toy(d.toy, std::min(d.samples, 200), d.noise, d.classes, d.seed);
    const ToyExtent e = toy_extent(d.toy);
    const int dim = toy_input_dim(d.toy);
    auto px = [&](float v, float lo, float hi) { return (v - lo) / (hi - lo) * size; };
    for (int64_t i = 0; i < ds.size(); ++i) {
      const float* s = ds.sample(i);
      const float x = px(s[0], e.x_min, e.x_max);
      const float y = size - px(dim == 2 ? s[1] : ds.target(i)[0], e.y_min, e.y_max);
      const QColor c = ds.task == TaskKind::Classification
                           ? class_color(static_cast<int>(ds.target(i)[0]), ds.num_classes)
                           : QColor(40, 90, 200);
      p.setPen(Qt::NoPen);
      p.setBrush(c);
      p.drawEllipse(QPointF(x, y), size / 40.0, size / 40.0);
    }
  } else {
    // Image data: a schematic 16x16 digit-like grid.
    p.setPen(QPen(QColor(60, 60, 60), 1));
    const double cell = size / 8.0;
    for (int r = 0; r < 8; ++r)
      for (int c = 0; c < 8; ++c)
        if ((r * 3 + c * 5) % 7 < 3) p.fillRect(QRectF(c * cell, r * cell, cell, cell), Qt::black);
    p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, QStringLiteral("digits"));
  }
  p.setPen(QPen(QColor(120, 120, 120), 2));
  p.setBrush(Qt::NoBrush);
  p.drawRect(QRectF(1, 1, size - 2, size - 2));
  return pm;
}

}  // namespace bp::ui
