#include "ui/views/neuron_view.h"

#include <QLabel>
#include <algorithm>

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
  const bool convolutional =
      std::any_of(spec.nodes.begin(), spec.nodes.end(), [](const NodeSpec& n) {
        return n.kind == NodeKind::Conv2d || n.kind == NodeKind::LocallyConnected2d;
      });
  canvas_->setPlaceholder(
      convolutional
          ? tr("This is a convolutional network: what its layers see is in the Feature maps "
               "view (the tab beside this one). The neuron view draws dense networks on "
               "2-D data.")
          : tr("The neuron view draws dense networks (Input, then Linear layers) on 2-D data; "
               "this network has no such layers to draw."));
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

QString NeuronView::placeholderText() const {
  return canvas_->layers().empty() ? canvas_->placeholder() : QString();
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

void NeuronView::setFigureMode(bool on) {
  canvas_->setControlsVisible(!on);
}

}  // namespace bp::ui
