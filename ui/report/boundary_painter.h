#pragma once
// The decision-boundary plot as painting, shared by the live view, the report and the training
// animation: the heatmap of the model's outputs over the plane (the predicted class shaded by
// confidence, or the regression value), the data points, tick labels and the axis titles x₁, x₂.
#include <QImage>
#include <QPainter>
#include <QRectF>

#include "engine/train/snapshot/training_snapshot.h"
#include "ui/report/figure_style.h"

namespace bp::ui {

// One pixel per grid cell (grid.width x grid.height). `hard`: the predicted class only.
QImage boundary_heatmap(const PlaneGrid& grid, const PlotPoints& points, bool hard);

// The square plot inside `area`, leaving room for the tick labels and axis titles.
QRectF boundary_plot_rect(const QRectF& area, const QFont& font);

// Paints the plot into `area`. `show_test`: the test points too (squares).
void paint_boundary(QPainter& painter, const QRectF& area, const QImage& heatmap,
                    const PlotPoints& points, bool show_test, const FigureStyle& style);

}  // namespace bp::ui
