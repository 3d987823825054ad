#pragma once
// A "Figure" button for views that are not in the studio's list of docks (the compare lab's
// tabs: curves, boundaries, summary, LR sweep, landscape, test functions): its menu saves the
// current tab as a figure (PNG at the chosen size, 1x or 2x; SVG) or copies it, rendered as
// ui/views/figure_export.h renders the docked views: titled, without controls.
#include <QSize>
#include <QString>
#include <functional>

class QTabWidget;
class QToolButton;
class QWidget;

namespace bp::ui {

class SnapshotView;

// A SnapshotView over any widget that draws itself (for figure_export.h); it takes no snapshots.
// The caller owns it; it does not own the widget.
SnapshotView* figure_view_of(QWidget* widget);

// The button, for QTabWidget::setCornerWidget. `title_prefix`: "Compare lab" -> the figure of
// the "Curves" tab is titled "Compare lab · Curves".
QToolButton* make_tab_figure_button(QTabWidget* tabs, const QString& title_prefix);

}  // namespace bp::ui
