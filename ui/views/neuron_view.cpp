#include "ui/views/neuron_view.h"

#include <QLabel>

#include "ui/views/neuron_canvas.h"

namespace bp::ui {

NeuronView::NeuronView(QWidget* parent) : QScrollArea(parent) {
  canvas_ = new NeuronCanvas(this);
  setWidget(canvas_);
  setWidgetResizable(true);
  setAlignment(Qt::AlignCenter);
}

void NeuronView::setNetwork(const NetworkSpec& spec, const ShapeReport& shapes) {
  canvas_->setLayers(dense_layers(spec, shapes));
  canvas_->setToolTip(canvas_->layers().empty()
                          ? tr("The neuron view shows dense networks on vector data.")
                          : QString());
}

void NeuronView::setSnapshot(const SnapshotPtr& snapshot) {
  canvas_->setSnapshot(snapshot);
}

int NeuronView::layerCount() const {
  return static_cast<int>(canvas_->layers().size());
}

int NeuronView::thumbnailCount() const {
  int n = 0;
  for (int l = 0; l < layerCount(); ++l) n += canvas_->shownUnits(l);
  return n;
}

QImage NeuronView::thumbnail(int layer, int unit) const {
  return canvas_->image(layer, unit);
}

}  // namespace bp::ui
