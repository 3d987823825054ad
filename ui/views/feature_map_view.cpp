#include "ui/views/feature_map_view.h"

#include "ui/views/feature_map_canvas.h"

namespace bp::ui {

FeatureMapView::FeatureMapView(QWidget* parent)
    : QScrollArea(parent), canvas_(new FeatureMapCanvas(this)) {
  setWidget(canvas_);
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
}

void FeatureMapView::setSnapshot(const SnapshotPtr& snapshot) {
  if (snapshot) canvas_->setMaps(snapshot->feature_maps);
}

void FeatureMapView::selectSample(int index) {
  canvas_->selectSample(index);
}

int FeatureMapView::selectedSample() const {
  return canvas_->selectedSample();
}

int FeatureMapView::mapTileCount() const {
  return canvas_->mapTileCount();
}

int FeatureMapView::kernelTileCount() const {
  return canvas_->kernelTileCount();
}

bool FeatureMapView::showsSaliency() const {
  return canvas_->showsSaliency();
}

QString FeatureMapView::predictionText() const {
  return canvas_->predictionText();
}

}  // namespace bp::ui
