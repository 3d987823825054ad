#pragma once
// Every dock of the studio in one list: the panels (layer palette, inspector, dataset, training
// settings), created by their owners, and the snapshot views, created from the list. Each row
// gives the dock's stable object name (saved window layouts refer to it), its title and its place
// in the default layout; a view's row also gives its export file name and how to make it. The
// docks, the snapshot fan-out, File > Export and the default layout are all built from here.
#include <Qt>
#include <cstdint>
#include <vector>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace bp::ui {

class SnapshotView;

// Where a dock goes in the default layout: the docks of a group are tabs of one dock area.
enum class DockGroup : uint8_t {
  Left,         // layers, dataset
  RightTop,     // inspector, training settings
  RightBottom,  // decision boundary, confusion matrix
  BottomLeft,   // curves
  BottomRight,  // neurons, feature maps, weights
};

// Which data brings a dock to the front of its tabs when a run starts (Any: never raised).
enum class ShowFor : uint8_t { Any, PlaneData, ImageData, CurveData };

struct DockPlace {
  DockGroup group = DockGroup::BottomRight;
  bool front = false;  // the tab in front in the default layout
  ShowFor show_for = ShowFor::Any;
};

// The docks that are not snapshot views; their owners make the content.
enum class PanelId : uint8_t { Layers, Inspector, Dataset, Training };

struct PanelRow {
  PanelId id;
  const char* object_name;
  const char* title;  // translated in the "StudioDocks" context
  const char* tooltip;
  DockPlace place;
};

struct ViewRow {
  const char* object_name;
  const char* title;        // the dock's title (translated in the "StudioDocks" context)
  const char* export_name;  // File > Export: "<export_name> as PNG…"
  const char* file_stem;    // default export file name without the extension
  DockPlace place;
  SnapshotView* (*make)(QWidget* parent);
};

const std::vector<PanelRow>& studio_panels();
const std::vector<ViewRow>& studio_views();

Qt::DockWidgetArea dock_area(DockGroup group);
// A dock for `content` named and titled after the panel's row.
QDockWidget* make_panel_dock(PanelId id, QWidget* content, QWidget* parent);
QDockWidget* make_view_dock(const ViewRow& row, QWidget* content, QWidget* parent);
// The default arrangement of every dock of `window` that is in the list (tabs per group, the
// front tab raised, sizes in proportion to the window: at 1280x720 and 1600x1000 the data, the
// boundary, the network, the neuron maps and the curves are all on screen).
void arrange_default_layout(QMainWindow& window);
// View > Reset layout: docks the listed docks again (none floating or hidden), then arranges
// them as arrange_default_layout does.
void reset_dock_layout(QMainWindow& window);

// The smallest size a shown dock must have to be usable (a restored layout with a narrower
// dock is replaced by the default one).
constexpr int kUsableDockWidth = 120;
constexpr int kUsableDockHeight = 90;
// The shown (not floating, front-tab) listed docks of `window` narrower or lower than usable.
std::vector<QDockWidget*> unusable_docks(QMainWindow& window);
// Pairs of shown listed docks whose rectangles overlap (docks painting over each other).
std::vector<std::pair<QDockWidget*, QDockWidget*>> overlapping_docks(QMainWindow& window);

}  // namespace bp::ui
