#include "ui/report/figure_canvas.h"

#include <QBuffer>
#include <QSvgGenerator>

namespace bp::ui {

QImage paint_to_image(QSize size, double scale, const QColor& background,
                      const PaintFigure& paint) {
  QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(scale);
  image.fill(background);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
  painter.end();
  return image;
}

QByteArray paint_to_svg(QSize size, const QString& title, const QColor& background,
                        const PaintFigure& paint) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(title);
  QPainter painter(&svg);
  painter.fillRect(QRect(QPoint(0, 0), size), background);
  paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
  painter.end();
  return bytes;
}

QByteArray png_bytes(const QImage& image) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return bytes;
}

}  // namespace bp::ui
