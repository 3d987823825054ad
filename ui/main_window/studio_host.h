#pragma once
// StudioHost: what the training side of the studio needs from the main window. MainWindow
// implements it; tests use a small QMainWindow that does.
#include <Qt>

class QDockWidget;
class QMenu;
class QStatusBar;
class QToolBar;
class QWidget;

namespace bp::ui {

class ProjectDocument;
class MessageBanner;

class StudioHost {
 public:
  virtual ~StudioHost();
  virtual ProjectDocument* document() = 0;
  virtual QToolBar* trainingToolBar() = 0;
  virtual QStatusBar* studioStatusBar() = 0;
  virtual void addPanel(QDockWidget* dock, Qt::DockWidgetArea area) = 0;
  virtual QWidget* window() = 0;
  // File > Export: the views add their "save as PNG/SVG/CSV" actions here.
  virtual QMenu* exportMenu() = 0;
  // The message area above the canvas (null: the host has none; messages go to the status bar).
  virtual MessageBanner* messageArea() { return nullptr; }
  // A run started (Play, Step): the host can put away its first-launch guidance.
  virtual void trainingStarted() {}
};

}  // namespace bp::ui
