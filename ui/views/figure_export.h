#pragma once
// Figures, not screen grabs: a view rendered at a chosen size (default 1600x1000, optionally at
// 2x pixel density) with a title above it and without its controls (SnapshotView::
// setFigureMode), as a PNG or an SVG. A view in a scroll area contributes its whole canvas,
// scaled to fit, without scroll bars.
#include <QByteArray>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

#include "ui/views/view_export.h"

class QMimeData;
class QWidget;

namespace bp::ui {

class SnapshotView;

struct FigureOptions {
  QSize size{1600, 1000};  // logical pixels of the whole figure, title included
  double scale = 1.0;      // 2.0: a 2x PNG (3200x2000 by default); SVGs ignore it
  QString title;           // drawn above the view ("Decision boundary · spiral · epoch 120")
};

// Renders `view` as described into `path`. Returns false and sets *error on failure. The view
// is back as it was (size, controls) when it returns.
bool export_figure(SnapshotView* view, const QString& path, ImageFormat format,
                   const FigureOptions& options, QString* error);
// The image export_figure would write (PNG path), for tests and previews.
QImage render_figure(SnapshotView* view, const FigureOptions& options);
// The SVG document export_figure would write.
QByteArray render_figure_svg(SnapshotView* view, const FigureOptions& options);
// The figure for the clipboard: the image (at options.scale), and the SVG as "image/svg+xml"
// where the view paints vectors. The caller owns it (QClipboard::setMimeData takes it).
QMimeData* figure_mime_data(SnapshotView* view, const FigureOptions& options);
// Descendants of `root` that are controls (buttons, check boxes, choices, spin boxes, sliders,
// scroll bars, line edits) and would be drawn.
QList<QWidget*> visible_controls(QWidget* root);

}  // namespace bp::ui
