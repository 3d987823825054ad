#include "ui/views/neuron_view.h"

#include <QLabel>

#include "engine/graph/names.h"
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
  std::vector<QString> names;
  for (const DenseLayer& l : canvas_->layers()) {
    const NodeSpec* n = spec.find(l.node_id);
    names.push_back(n ? QString::fromStdString(to_string(n->params.activation)) : QString());
  }
  canvas_->setActivationNames(std::move(names));
  canvas_->setToolTip(canvas_->layers().empty()
                          ? tr("The neuron view shows dense networks on vector data.")
                          : QString());
}

InsightRequest NeuronView::insights() const {
  InsightRequest r;
  r.activity = true;
  r.gradients = r.gradient_values = canvas_->linksByGradient();
  return r;
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
