#include "ui/views/figure_export.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QBuffer>
#include <QComboBox>
#include <QCoreApplication>
#include <QImage>
#include <QLayout>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QSaveFile>
#include <QScrollArea>
#include <QSvgGenerator>
#include <algorithm>

#include "ui/views/snapshot_view.h"

namespace bp::ui {
namespace {

constexpr int kTitleHeight = 56;

// What is drawn: the view, or the canvas inside it when the view is a scroll area.
QWidget* figure_source(SnapshotView* view) {
  QWidget* w = view->viewWidget();
  if (auto* scroll = qobject_cast<QScrollArea*>(w); scroll && scroll->widget())
    return scroll->widget();
  return w;
}

// Lays out `w`'s subtree at its current size now (its own layout only: the dock's layout,
// which would put it back at the dock's size, is left alone until the figure is done).
void lay_out(QWidget* w) {
  if (QLayout* layout = w->layout()) {
    layout->invalidate();
    layout->activate();
  }
}

// After the figure: every pending layout, the dock's included, puts the view back.
void settle() {
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

// Paints the titled figure onto `painter` (a device of size `size`).
void paint_figure(QPainter& painter, SnapshotView* view, QSize size, const QString& title) {
  QWidget* source = figure_source(view);
  const QPalette pal = source->palette();
  painter.fillRect(QRect(QPoint(0, 0), size), pal.base());
  int top = 0;
  if (!title.isEmpty()) {
    QFont f = source->font();
    f.setPointSizeF(16.0);
    f.setBold(true);
    painter.setFont(f);
    painter.setPen(pal.text().color());
    painter.drawText(QRect(16, 0, size.width() - 32, kTitleHeight),
                     Qt::AlignVCenter | Qt::AlignLeft, title);
    top = kTitleHeight;
  }
  const QSize area(size.width(), size.height() - top);
  QSize drawn = area;
  if (qobject_cast<QScrollArea*>(view->viewWidget())) {
    // A canvas with a natural content size (neurons, feature maps, histograms): drawn at that
    // size and scaled to fill the figure, up or down.
    const QSize content = source->minimumSize().expandedTo(source->minimumSizeHint());
    if (content.width() > 0 && content.height() > 0) drawn = content;
  } else {
    drawn = area.expandedTo(source->minimumSizeHint()).expandedTo(source->minimumSize());
  }
  source->resize(drawn);
  lay_out(source);
  const double fit = std::min(3.0, std::min(static_cast<double>(area.width()) / drawn.width(),
                                            static_cast<double>(area.height()) / drawn.height()));
  const QPointF offset((area.width() - fit * drawn.width()) / 2.0,
                       (area.height() - fit * drawn.height()) / 2.0);
  painter.save();
  painter.translate(offset.x(), top + offset.y());
  painter.scale(fit, fit);
  source->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
  painter.restore();
}

// Figure mode on, the source's geometry kept; both restored on destruction.
class FigureScope {
 public:
  explicit FigureScope(SnapshotView* view)
      : view_(view), source_(figure_source(view)), geometry_(source_->geometry()) {
    view_->setFigureMode(true);
  }
  ~FigureScope() {
    view_->setFigureMode(false);
    source_->setGeometry(geometry_);
    lay_out(source_);
    settle();
  }
  FigureScope(const FigureScope&) = delete;
  FigureScope& operator=(const FigureScope&) = delete;

 private:
  SnapshotView* view_;
  QWidget* source_;
  QRect geometry_;
};

}  // namespace

QList<QWidget*> visible_controls(QWidget* root) {
  QList<QWidget*> found;
  for (QWidget* w : root->findChildren<QWidget*>()) {
    const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) ||
                         qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QAbstractSlider*>(w) ||
                         qobject_cast<QLineEdit*>(w);
    if (control && w->isVisibleTo(root)) found << w;
  }
  return found;
}

QImage render_figure(SnapshotView* view, const FigureOptions& options) {
  FigureScope scope(view);
  QImage image(options.size * options.scale, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(options.scale);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  paint_figure(painter, view, options.size, options.title);
  painter.end();
  return image;
}

QByteArray render_figure_svg(SnapshotView* view, const FigureOptions& options) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  FigureScope scope(view);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(options.size);
  svg.setViewBox(QRect(QPoint(0, 0), options.size));
  svg.setTitle(options.title);
  QPainter painter(&svg);
  paint_figure(painter, view, options.size, options.title);
  painter.end();
  return bytes;
}

QMimeData* figure_mime_data(SnapshotView* view, const FigureOptions& options) {
  auto* data = new QMimeData;
  data->setImageData(render_figure(view, options));
  if (view->exportsSvg())
    data->setData(QStringLiteral("image/svg+xml"), render_figure_svg(view, options));
  return data;
}

bool export_figure(SnapshotView* view, const QString& path, ImageFormat format,
                   const FigureOptions& options, QString* error) {
  if (options.size.width() < 100 || options.size.height() < 100) {
    if (error) *error = QObject::tr("A figure needs at least 100x100 pixels.");
    return false;
  }
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (format == ImageFormat::Png) {
    const QImage image = render_figure(view, options);
    if (image.isNull() || !image.save(&buffer, "PNG")) {
      if (error) *error = QObject::tr("Could not render the figure as PNG.");
      return false;
    }
  } else {
    buffer.write(render_figure_svg(view, options));
  }
  buffer.close();
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

}  // namespace bp::ui
