#pragma once
// Painting a figure onto an image (PNG, at a pixel-density scale) or into an SVG, for the
// report's figures and the animation's frames: the callback paints into the logical rectangle.
#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QPainter>
#include <QRectF>
#include <QSize>
#include <QString>
#include <functional>

namespace bp::ui {

using PaintFigure = std::function<void(QPainter&, const QRectF&)>;

// An image of size * scale pixels (device pixel ratio `scale`), filled with `background`.
QImage paint_to_image(QSize size, double scale, const QColor& background, const PaintFigure& paint);
// An SVG document of `size` (its view box), titled, filled with `background`.
QByteArray paint_to_svg(QSize size, const QString& title, const QColor& background,
                        const PaintFigure& paint);
// PNG bytes of `image`.
QByteArray png_bytes(const QImage& image);

}  // namespace bp::ui
