#pragma once
// Training curves as painting (report, slides): one panel per metric (loss; accuracy where the
// task has one) over the epochs, train and validation lines, ticks, axis titles and a legend.
#include <QPainter>
#include <QRectF>
#include <QString>
#include <vector>

#include "engine/train/train_state.h"
#include "ui/report/figure_style.h"

namespace bp::ui {

enum class CurveMetric { Loss, Accuracy };

// Whether `history` has accuracies (a classification run).
bool history_has_accuracy(const std::vector<EpochRecord>& history);

// One panel: `metric` of train and validation over the epochs of `history`, inside `area`.
void paint_curve_panel(QPainter& painter, const QRectF& area,
                       const std::vector<EpochRecord>& history, CurveMetric metric,
                       const FigureStyle& style);

// Loss beside accuracy (loss alone for regression).
void paint_curves(QPainter& painter, const QRectF& area, const std::vector<EpochRecord>& history,
                  const FigureStyle& style);

}  // namespace bp::ui
