#pragma once
// Saving what a view shows: as a PNG (pixels, at the screen's device pixel ratio), as an SVG
// (vector where the view paints vectors: curves, the confusion matrix), and its data as CSV.
// Every write is atomic (QSaveFile): a failed export leaves an existing file untouched.
#include <QString>

class QWidget;

namespace bp::ui {

enum class ImageFormat { Png, Svg };

// Renders `view` into `path`. Returns false and sets *error (which names the file) on failure.
bool export_view_image(QWidget* view, const QString& path, ImageFormat format, QString* error);
// Writes `text` (UTF-8) to `path`.
bool export_text(const QString& path, const QString& text, QString* error);

}  // namespace bp::ui
