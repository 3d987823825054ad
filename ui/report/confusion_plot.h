#pragma once
// The confusion matrix as painting (report): rows are the true classes, columns the predicted
// ones, each cell its count, shaded by the row's fraction; class names on both axes.
#include <QPainter>
#include <QRectF>

#include "engine/train/snapshot/training_snapshot.h"
#include "ui/report/figure_style.h"

namespace bp::ui {

void paint_confusion(QPainter& painter, const QRectF& area, const ConfusionMatrix& matrix,
                     const FigureStyle& style);

}  // namespace bp::ui
