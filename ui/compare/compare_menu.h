#pragma once
// The Compare menu of the studio: opens the compare lab's window for the current project
// (one window, raised when open) and its test-function trajectories.
class QMenu;
class QWidget;

namespace bp::ui {

class ProjectDocument;

QMenu* make_compare_menu(ProjectDocument* doc, QWidget* parent);

}  // namespace bp::ui
