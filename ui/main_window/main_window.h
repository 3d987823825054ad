#pragma once
// MainWindow: thin. Creates the document, the editor (scene, view, palette, inspector), the
// docks, actions, menus and toolbars, and wires them; the logic lives in FileActions, Autosave,
// the theme and settings helpers, and the editor classes.
//
// Hook for the training side: document(), trainingToolBar() (an empty toolbar after the
// file/edit toolbar), statusBar(), and addPanel() for its docks.
#include <QMainWindow>
#include <QSize>

#include "ui/main_window/studio_host.h"

class QAction;
class QLabel;
class QMenu;
class QToolBar;

namespace bp::ui {

class ProjectDocument;
class NetworkScene;
class NetworkView;
class LayerPalette;
class Inspector;
class FileActions;
class Autosave;
class AppSettings;
class MessageBanner;
class CanvasHint;
class DenseBuilder;

class MainWindow : public QMainWindow, public StudioHost {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // StudioHost
  ProjectDocument* document() override { return doc_; }
  QToolBar* trainingToolBar() override { return training_bar_; }
  QStatusBar* studioStatusBar() override { return statusBar(); }
  QWidget* window() override { return this; }
  QMenu* exportMenu() override { return export_menu_; }
  MessageBanner* messageArea() override { return banner_; }
  void trainingStarted() override;
  // Adds a dock (its toggle goes into the View menu) and restores its saved state.
  void addPanel(QDockWidget* dock, Qt::DockWidgetArea area) override;

  NetworkScene* networkScene() const { return scene_; }
  NetworkView* networkView() const { return view_; }
  DenseBuilder* denseBuilder() const { return dense_builder_; }
  Inspector* inspector() const { return inspector_; }
  FileActions* fileActions() const { return files_; }
  Autosave* autosave() const { return autosave_; }

  // Call once after all panels (the editor's and the training's) exist: restores the remembered
  // window layout, or arranges the default one on a first launch (and when the remembered one
  // is from an older layout version or leaves a dock unusably small).
  void arrangeDefaultLayout();
  // View > Reset layout: every dock back into the default arrangement, sized for the window.
  void resetLayout();
  // The layout version saved with the window state; a state saved by another version is not
  // restored (an older studio restored it before the training docks existed).
  static constexpr int kLayoutVersion = 2;

  // First launch: the spiral starter; later: the last project; then offers autosave recovery.
  void startSession();
  void setDarkTheme(bool dark);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createDocks();
  void createActions();
  void createMenus();
  void updateStatus();
  void restorePendingState();
  // The default layout's dock sizes, asked for again once the window is shown.
  void applyDefaultSizes();
  // The saved window geometry (Qt keeps it on a screen that still exists).
  void restoreSavedGeometry();
  // Moves and shrinks the window so that its frame lies inside `available`.
  void fitOntoScreen(const QRect& available);
  // The canvas's one-line guidance: where to drag on an empty canvas; how to start on a first
  // launch (until dismissed, the first edit or the first trained weights).
  void updateCanvasHint();
  void showGettingStarted();
  void showShortcuts();

  AppSettings* settings_;
  ProjectDocument* doc_;
  NetworkScene* scene_;
  NetworkView* view_;
  LayerPalette* palette_ = nullptr;
  Inspector* inspector_ = nullptr;
  FileActions* files_;
  Autosave* autosave_;
  QToolBar* main_bar_ = nullptr;
  QToolBar* training_bar_ = nullptr;
  QMenu* view_menu_ = nullptr;
  QMenu* export_menu_ = nullptr;
  QAction* panels_separator_ = nullptr;
  QAction* dark_theme_ = nullptr;
  QAction* reset_layout_ = nullptr;
  QLabel* status_network_ = nullptr;
  QList<QAction*> edit_actions_;
  QList<QAction*> zoom_actions_;
  QList<QDockWidget*> docks_;
  // The remembered layout, restored when the window is first shown at its final size (restored
  // earlier, the docks of a split get other proportions than the ones saved).
  QByteArray pending_state_;
  QSize wanted_size_{1600, 1000};  // the first-launch size (the screen's, up to 1600x1000)
  MessageBanner* banner_ = nullptr;
  CanvasHint* canvas_hint_ = nullptr;
  DenseBuilder* dense_builder_ = nullptr;
  bool first_launch_hint_ = false;
  bool fit_on_show_ = false;
  bool other_screen_ = false;           // the saved geometry (and layout) came from another screen
  bool default_sizes_pending_ = false;  // the default layout awaits its sizes  // the restored
                                        // geometry came from another screen
};

}  // namespace bp::ui
