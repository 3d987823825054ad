#include "ui/main_window/studio_docks.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <algorithm>
#include <map>

#include "ui/views/attribution_view.h"
#include "ui/views/confusion_matrix_view.h"
#include "ui/views/decision_boundary_view.h"
#include "ui/views/distributions_view.h"
#include "ui/views/drawing_pad_view.h"
#include "ui/views/feature_map_view.h"
#include "ui/views/function_fit_view.h"
#include "ui/views/gradient_flow_view.h"
#include "ui/views/gradient_heatmap_view.h"
#include "ui/views/health_view.h"
#include "ui/views/held_out_view.h"
#include "ui/views/histogram_view.h"
#include "ui/views/latent_view.h"
#include "ui/views/loss_chart.h"
#include "ui/views/neuron_view.h"
#include "ui/views/rewind_view.h"

namespace bp::ui {
namespace {

template <class View>
SnapshotView* make(QWidget* parent) {
  return new View(parent);
}

QString translated(const char* text) {
  return QCoreApplication::translate("StudioDocks", text);
}

}  // namespace

const std::vector<PanelRow>& studio_panels() {
  static const std::vector<PanelRow> rows = {
      {PanelId::Layers,
       "LayersDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Layers"),
       QT_TRANSLATE_NOOP("StudioDocks", "Show or hide the layer palette"),
       {DockGroup::Left, true, ShowFor::Any}},
      {PanelId::Dataset,
       "DatasetDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Dataset"),
       nullptr,
       {DockGroup::Left, false, ShowFor::Any}},
      {PanelId::Inspector,
       "InspectorDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Inspector"),
       QT_TRANSLATE_NOOP("StudioDocks", "Show or hide the layer inspector"),
       {DockGroup::RightTop, true, ShowFor::Any}},
      {PanelId::Training,
       "TrainingDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Training"),
       nullptr,
       {DockGroup::RightTop, false, ShowFor::Any}},
  };
  return rows;
}

// The views, in File > Export order. A new view that reads existing snapshot data is one row
// here (and its own .h/.cpp).
const std::vector<ViewRow>& studio_views() {
  static const std::vector<ViewRow> rows = {
      {"CurvesDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Curves"),
       QT_TRANSLATE_NOOP("StudioDocks", "Curves"),
       "curves",
       {DockGroup::BottomLeft, true, ShowFor::Any},
       make<LossChart>},
      {"BoundaryDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Decision boundary"),
       QT_TRANSLATE_NOOP("StudioDocks", "Decision boundary"),
       "decision-boundary",
       {DockGroup::RightBottom, true, ShowFor::PlaneData},
       make<DecisionBoundaryView>},
      {"NeuronsDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Neurons"),
       QT_TRANSLATE_NOOP("StudioDocks", "Neurons"),
       "neurons",
       {DockGroup::BottomRight, true, ShowFor::PlaneData},
       make<NeuronView>},
      {"FeatureMapsDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Feature maps"),
       QT_TRANSLATE_NOOP("StudioDocks", "Feature maps"),
       "feature-maps",
       {DockGroup::BottomRight, false, ShowFor::ImageData},
       make<FeatureMapView>},
      {"WeightsDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Weights"),
       QT_TRANSLATE_NOOP("StudioDocks", "Weight histograms"),
       "weight-histograms",
       {DockGroup::BottomRight, false, ShowFor::Any},
       make<HistogramView>},
      {"FittedCurveDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Fitted curve"),
       QT_TRANSLATE_NOOP("StudioDocks", "Fitted curve"),
       "fitted-curve",
       {DockGroup::RightBottom, false, ShowFor::CurveData},
       make<FunctionFitView>},
      {"ConfusionDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Confusion matrix"),
       QT_TRANSLATE_NOOP("StudioDocks", "Confusion matrix"),
       "confusion-matrix",
       {DockGroup::RightBottom, false, ShowFor::ImageData},
       make<ConfusionMatrixView>},
      {"LatentDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Latent space"),
       QT_TRANSLATE_NOOP("StudioDocks", "Latent space"),
       "latent-space",
       {DockGroup::RightBottom, false, ShowFor::Any},
       make<LatentView>},
      {"GradientFlowDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Gradient flow"),
       QT_TRANSLATE_NOOP("StudioDocks", "Gradient flow"),
       "gradient-flow",
       {DockGroup::BottomLeft, false, ShowFor::Any},
       make<GradientFlowView>},
      {"GradientHeatmapsDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Gradients"),
       QT_TRANSLATE_NOOP("StudioDocks", "Gradient heatmaps"),
       "gradient-heatmaps",
       {DockGroup::BottomRight, false, ShowFor::Any},
       make<GradientHeatmapView>},
      {"DistributionsDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Distributions"),
       QT_TRANSLATE_NOOP("StudioDocks", "Distributions over time"),
       "distributions",
       {DockGroup::BottomRight, false, ShowFor::Any},
       make<DistributionsView>},
      {"AttributionDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Saliency / Grad-CAM"),
       QT_TRANSLATE_NOOP("StudioDocks", "Saliency and Grad-CAM"),
       "grad-cam",
       {DockGroup::BottomRight, false, ShowFor::Any},
       make<AttributionView>},
      {"DrawingPadDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Drawing pad"),
       QT_TRANSLATE_NOOP("StudioDocks", "Drawing pad"),
       "drawing-pad",
       {DockGroup::RightBottom, false, ShowFor::Any},
       make<DrawingPadView>},
      {"HeldOutDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Held-out images"),
       QT_TRANSLATE_NOOP("StudioDocks", "Held-out images"),
       "held-out-images",
       {DockGroup::RightBottom, false, ShowFor::Any},
       make<HeldOutView>},
      {"HealthDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Health"),
       QT_TRANSLATE_NOOP("StudioDocks", "Training health"),
       "training-health",
       {DockGroup::RightBottom, false, ShowFor::Any},
       make<HealthView>},
      {"RewindDock",
       QT_TRANSLATE_NOOP("StudioDocks", "Rewind"),
       QT_TRANSLATE_NOOP("StudioDocks", "Rewind"),
       "rewind",
       {DockGroup::BottomLeft, false, ShowFor::Any},
       make<RewindView>},
  };
  return rows;
}

Qt::DockWidgetArea dock_area(DockGroup group) {
  switch (group) {
    case DockGroup::Left:
      return Qt::LeftDockWidgetArea;
    case DockGroup::RightTop:
    case DockGroup::RightBottom:
      return Qt::RightDockWidgetArea;
    case DockGroup::BottomLeft:
    case DockGroup::BottomRight:
      break;
  }
  return Qt::BottomDockWidgetArea;
}

namespace {

QDockWidget* make_dock(const char* object_name, const char* title, QWidget* content,
                       QWidget* parent) {
  auto* d = new QDockWidget(translated(title), parent);
  d->setObjectName(QLatin1String(object_name));
  d->setWidget(content);
  return d;
}

// Every listed dock present in `window`, with its place, in list order.
std::vector<std::pair<QDockWidget*, DockPlace>> listed_docks(QMainWindow& window) {
  std::vector<std::pair<QDockWidget*, DockPlace>> docks;
  auto add = [&](const char* name, const DockPlace& place) {
    if (auto* d = window.findChild<QDockWidget*>(QLatin1String(name))) docks.push_back({d, place});
  };
  for (const PanelRow& r : studio_panels()) add(r.object_name, r.place);
  for (const ViewRow& r : studio_views()) add(r.object_name, r.place);
  return docks;
}

}  // namespace

QDockWidget* make_panel_dock(PanelId id, QWidget* content, QWidget* parent) {
  for (const PanelRow& r : studio_panels())
    if (r.id == id) {
      QDockWidget* d = make_dock(r.object_name, r.title, content, parent);
      if (r.tooltip) d->toggleViewAction()->setToolTip(translated(r.tooltip));
      return d;
    }
  return nullptr;
}

QDockWidget* make_view_dock(const ViewRow& row, QWidget* content, QWidget* parent) {
  return make_dock(row.object_name, row.title, content, parent);
}

void arrange_default_layout(QMainWindow& window) {
  // Left (full height): layers and data as tabs; right (full height): inspector and training
  // settings as tabs above the decision boundary and the confusion matrix; bottom, under the
  // canvas: curves beside the neuron view, the feature maps and the weights (tabs: the training
  // view raises the ones that fit the data).
  window.setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  window.setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  window.setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
  window.setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
  std::map<DockGroup, std::vector<QDockWidget*>> groups;
  std::map<DockGroup, QDockWidget*> front;
  for (const auto& [dock, place] : listed_docks(window)) {
    auto& g = groups[place.group];
    if (!g.empty()) window.tabifyDockWidget(g.back(), dock);
    g.push_back(dock);
    if (place.front) front[place.group] = dock;
  }
  for (const auto& [group, dock] : front)
    if (groups[group].size() > 1) dock->raise();
  auto first = [&](DockGroup g) { return groups[g].empty() ? nullptr : groups[g].front(); };
  QDockWidget* left = first(DockGroup::Left);
  QDockWidget* right_top = first(DockGroup::RightTop);
  QDockWidget* right_bottom = first(DockGroup::RightBottom);
  QDockWidget* bottom_left = first(DockGroup::BottomLeft);
  QDockWidget* bottom_right = first(DockGroup::BottomRight);
  const int w = std::max(window.width(), 1280);
  const int h = std::max(window.height(), 720);
  const int left_w = std::clamp(w * 18 / 100, 220, 320);
  const int right_w = std::clamp(w * 26 / 100, 300, 440);
  const int center_w = std::max(400, w - left_w - right_w);
  if (left) window.resizeDocks({left}, {left_w}, Qt::Horizontal);
  if (right_top) window.resizeDocks({right_top}, {right_w}, Qt::Horizontal);
  if (right_top && right_bottom)
    window.resizeDocks({right_top, right_bottom}, {h * 45 / 100, h * 55 / 100}, Qt::Vertical);
  if (bottom_left && bottom_right)
    window.resizeDocks({bottom_left, bottom_right}, {center_w * 42 / 100, center_w * 58 / 100},
                       Qt::Horizontal);
  if (bottom_left) window.resizeDocks({bottom_left}, {h * 36 / 100}, Qt::Vertical);
}

void reset_dock_layout(QMainWindow& window) {
  const auto docks = listed_docks(window);
  for (const auto& [dock, place] : docks) {
    dock->setFloating(false);
    window.removeDockWidget(dock);
  }
  for (const auto& [dock, place] : docks) {
    const Qt::DockWidgetArea area = dock_area(place.group);
    window.addDockWidget(area, dock,
                         area == Qt::BottomDockWidgetArea ? Qt::Horizontal : Qt::Vertical);
    dock->show();
  }
  arrange_default_layout(window);
}

namespace {

// The listed docks a user sees: docked, shown, and the front tab of their group.
std::vector<QDockWidget*> shown_docks(QMainWindow& window) {
  std::vector<QDockWidget*> shown;
  for (const auto& [dock, place] : listed_docks(window))
    if (dock->isVisible() && !dock->isFloating() && !dock->visibleRegion().isEmpty())
      shown.push_back(dock);
  return shown;
}

}  // namespace

std::vector<QDockWidget*> unusable_docks(QMainWindow& window) {
  std::vector<QDockWidget*> bad;
  for (QDockWidget* d : shown_docks(window))
    if (d->width() < kUsableDockWidth || d->height() < kUsableDockHeight) bad.push_back(d);
  return bad;
}

std::vector<std::pair<QDockWidget*, QDockWidget*>> overlapping_docks(QMainWindow& window) {
  std::vector<std::pair<QDockWidget*, QDockWidget*>> pairs;
  const auto shown = shown_docks(window);
  for (size_t i = 0; i < shown.size(); ++i)
    for (size_t j = i + 1; j < shown.size(); ++j)
      if (shown[i]->geometry().intersects(shown[j]->geometry()))
        pairs.push_back({shown[i], shown[j]});
  return pairs;
}

}  // namespace bp::ui
