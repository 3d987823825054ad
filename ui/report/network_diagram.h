#pragma once
// The network as a diagram (report): each node a box at its editor position (scaled to fit; a
// plain chain in rows of four, to stay legible on a page),
// with its name, its one-line summary ("Linear 8 · Tanh") and its output shape per sample;
// arrows along the edges.
#include <QPainter>
#include <QRectF>
#include <QSizeF>

#include "engine/graph/network_spec.h"
#include "ui/report/figure_style.h"

namespace bp::ui {

// A size that shows every box legibly (for an image of the diagram).
QSizeF network_diagram_size(const NetworkSpec& network, const QFont& font);
void paint_network(QPainter& painter, const QRectF& area, const NetworkSpec& network,
                   const FigureStyle& style);

}  // namespace bp::ui
