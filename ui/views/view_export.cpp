#include "ui/views/view_export.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace bp::ui {
namespace {

bool save_bytes(const QString& path, const QByteArray& bytes, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace

bool export_view_image(QWidget* view, const QString& path, ImageFormat format, QString* error) {
  if (!view || view->width() <= 0 || view->height() <= 0) {
    if (error) *error = QObject::tr("Nothing to export: the view is not shown.");
    return false;
  }
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (format == ImageFormat::Png) {
    const QImage image = view->grab().toImage();
    if (image.isNull() || !image.save(&buffer, "PNG")) {
      if (error) *error = QObject::tr("Could not render the view as PNG.");
      return false;
    }
  } else {
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(view->size());
    svg.setViewBox(QRect(QPoint(0, 0), view->size()));
    svg.setTitle(view->windowTitle());
    QPainter painter(&svg);
    view->render(&painter);
    painter.end();
  }
  buffer.close();
  return save_bytes(path, bytes, error);
}

bool export_text(const QString& path, const QString& text, QString* error) {
  return save_bytes(path, text.toUtf8(), error);
}

}  // namespace bp::ui
