#include "ui/main_window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGuiApplication>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSet>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <utility>

#include "ui/compare/compare_menu.h"
#include "ui/document/project_document.h"
#include "ui/editor/canvas_hint.h"
#include "ui/editor/dense_builder.h"
#include "ui/editor/inspector.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/main_window/autosave.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/fit_onto_screen.h"
#include "ui/main_window/icons.h"
#include "ui/main_window/project_menus.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/starter_project.h"
#include "ui/main_window/studio_docks.h"
#include "ui/main_window/theme.h"
#include "ui/widgets/message_banner.h"

namespace bp::ui {
namespace {

QAction* action(QObject* parent, const QString& text, const QString& tip, const char* icon,
                const QKeySequence& key = {}) {
  auto* a = new QAction(text, parent);
  if (icon) a->setIcon(studio_icon(icon));
  if (!key.isEmpty()) a->setShortcut(key);
  const QString keys = key.toString(QKeySequence::NativeText);
  a->setToolTip(keys.isEmpty() ? tip : QString("%1 (%2)").arg(tip, keys));
  a->setStatusTip(tip);
  return a;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      settings_(new AppSettings),
      doc_(new ProjectDocument(this)),
      scene_(new NetworkScene(doc_, this)),
      view_(new NetworkView(scene_, this)),
      files_(new FileActions(doc_, this, settings_, this)),
      autosave_(new Autosave(doc_, this)) {
  setObjectName("MainWindow");
  setWindowIcon(studio_icon("app"));
  // The centre: the message area above the network canvas.
  auto* centre = new QWidget(this);
  auto* column = new QVBoxLayout(centre);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  banner_ = new MessageBanner(centre);
  column->addWidget(banner_);
  column->addWidget(view_, 1);
  // The canvas keeps room to build in, whatever the docks' views ask for (at 1280x720 too).
  view_->setMinimumHeight(180);
  dense_builder_ = new DenseBuilder(doc_, centre);
  column->addWidget(dense_builder_);
  setCentralWidget(centre);
  canvas_hint_ = new CanvasHint(view_);
  first_launch_hint_ = !settings_->firstLaunchHintDone();
  setAcceptDrops(true);
  setDockNestingEnabled(true);
  createDocks();
  createActions();
  createMenus();
  status_network_ = new QLabel(this);
  statusBar()->addPermanentWidget(status_network_);
  connect(doc_, &ProjectDocument::networkChanged, this, &MainWindow::updateStatus);
  connect(doc_, &ProjectDocument::documentReset, this, &MainWindow::updateStatus);
  connect(doc_, &ProjectDocument::networkChanged, this, &MainWindow::updateCanvasHint);
  connect(doc_, &ProjectDocument::documentReset, this, &MainWindow::updateCanvasHint);
  auto first_hint_done = [this] { trainingStarted(); };
  // The first edit or the first trained weights: the user has found the way.
  connect(doc_->undoStack(), &QUndoStack::indexChanged, this, [first_hint_done](int index) {
    if (index > 0) first_hint_done();  // an edit, not the stack cleared by Open
  });
  connect(doc_, &ProjectDocument::weightsChanged, this, [this, first_hint_done] {
    if (!doc_->weights().empty()) first_hint_done();
  });
  connect(canvas_hint_, &CanvasHint::dismissed, this, first_hint_done);
  connect(view_, &NetworkView::statusMessage, statusBar(), &QStatusBar::showMessage);
  connect(dense_builder_, &DenseBuilder::message, this,
          [this](const QString& text) { banner_->showMessage(MessageKind::Hint, text); });
  // One layer, or several of one kind edited together.
  connect(scene_, &QGraphicsScene::selectionChanged, inspector_, [this] {
    const std::vector<int> ids = scene_->selectedNodeIds();
    if (ids != inspector_->nodeIds()) inspector_->setNodes(ids);
  });
  connect(inspector_, &Inspector::message, this,
          [this](const QString& text) { banner_->showMessage(MessageKind::Hint, text); });
  connect(palette_, &LayerPalette::nodeRequested, view_,
          [this](const NodeSpec& n) { view_->addBelowSelection(n); });
  connect(files_, &FileActions::projectLoaded, this,
          [this] { QTimer::singleShot(0, view_, &NetworkView::fitAll); });
  // First launch: as large as the screen allows, up to 1600x1000 (the layout is made for
  // 1280x720 and up).
  QSize size(1600, 1000);
  if (const QScreen* s = QGuiApplication::primaryScreen())
    size = size.boundedTo(s->availableGeometry().size());
  resize(size);
  wanted_size_ = size;
  if (!settings_->geometry().isEmpty()) restoreSavedGeometry();
  // The dock layout is restored in arrangeDefaultLayout(), once the training docks exist too.
  setDarkTheme(settings_->theme() == Theme::Dark);
  updateStatus();
  updateCanvasHint();
}

MainWindow::~MainWindow() {
  // QWidget's destructor deletes the scene after this one has run: its items' removal emits
  // selectionChanged, whose handler above reads members of this window (UBSan: a member call on
  // an object that is no longer a MainWindow).
  scene_->blockSignals(true);
  delete settings_;
}

void MainWindow::createDocks() {
  palette_ = new LayerPalette(this);
  QDockWidget* layers = make_panel_dock(PanelId::Layers, palette_, this);
  inspector_ = new Inspector(doc_, this);
  // No QScrollArea: it breaks the word-wrapped diagnostics (height-for-width); the longest
  // form (Linear with both initializers' arguments) fits a 700 px tall window.
  QDockWidget* inspect = make_panel_dock(PanelId::Inspector, inspector_, this);
  addDockWidget(Qt::LeftDockWidgetArea, layers);
  addDockWidget(Qt::RightDockWidgetArea, inspect);
  resizeDocks({layers, inspect}, {200, 300}, Qt::Horizontal);
  docks_ << layers << inspect;
}

void MainWindow::createActions() {
  main_bar_ = addToolBar(tr("File and Edit"));
  main_bar_->setObjectName("FileEditToolBar");
  main_bar_->setToolButtonStyle(Qt::ToolButtonIconOnly);
  training_bar_ = addToolBar(tr("Training"));
  training_bar_->setObjectName("TrainingToolBar");

  auto* undo = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setIcon(studio_icon("undo"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setToolTip(tr("Undo the last edit (%1)").arg(QKeySequence(QKeySequence::Undo).toString()));
  auto* redo = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setIcon(studio_icon("redo"));
  redo->setShortcut(QKeySequence::Redo);
  redo->setToolTip(tr("Redo (%1)").arg(QKeySequence(QKeySequence::Redo).toString()));

  // Editing actions act on the canvas only (Delete in a spin box must not delete nodes).
  auto view_action = [this](QAction* a, auto slot) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    view_->addAction(a);
    connect(a, &QAction::triggered, view_, slot);
    return a;
  };
  edit_actions_ << view_action(
      action(this, tr("&Copy"), tr("Copy the selected layers"), nullptr, QKeySequence::Copy),
      &NetworkView::copySelection);
  edit_actions_ << view_action(action(this, tr("&Paste"), tr("Paste layers from the clipboard"),
                                      nullptr, QKeySequence::Paste),
                               &NetworkView::paste);
  edit_actions_ << view_action(
      action(this, tr("&Delete"), tr("Delete the selected layers and connections"), nullptr,
             QKeySequence::Delete),
      &NetworkView::deleteSelection);
  auto* select_all =
      action(this, tr("Select &All"), tr("Select every layer"), nullptr, QKeySequence::SelectAll);
  select_all->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  view_->addAction(select_all);
  connect(select_all, &QAction::triggered, this, [this] {
    for (QGraphicsItem* item : scene_->items()) item->setSelected(true);
  });
  edit_actions_ << select_all;

  zoom_actions_ << action(this, tr("Zoom &In"), tr("Zoom in"), "zoom-in", QKeySequence::ZoomIn);
  zoom_actions_ << action(this, tr("Zoom &Out"), tr("Zoom out"), "zoom-out", QKeySequence::ZoomOut);
  zoom_actions_ << action(this, tr("&Fit Network"), tr("Fit the whole network in view"), "fit",
                          QKeySequence(Qt::CTRL | Qt::Key_0));
  zoom_actions_ << action(this, tr("Auto-&layout"), tr("Arrange the layers top-down (undoable)"),
                          "layout", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
  connect(zoom_actions_[0], &QAction::triggered, view_, &NetworkView::zoomIn);
  connect(zoom_actions_[1], &QAction::triggered, view_, &NetworkView::zoomOut);
  connect(zoom_actions_[2], &QAction::triggered, view_, &NetworkView::fitAll);
  connect(zoom_actions_[3], &QAction::triggered, view_, &NetworkView::autoLayout);

  main_bar_->addAction(files_->newAction());
  main_bar_->addAction(files_->openAction());
  main_bar_->addAction(files_->saveAction());
  main_bar_->addSeparator();
  main_bar_->addAction(undo);
  main_bar_->addAction(redo);
  main_bar_->addSeparator();
  for (QAction* a : zoom_actions_) main_bar_->addAction(a);
  edit_actions_.prepend(redo);
  edit_actions_.prepend(undo);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(files_->newAction());
  file->addAction(files_->openAction());
  file->addMenu(files_->recentMenu());
  file->addAction(files_->importOnnxAction());
  file->addSeparator();
  file->addAction(files_->saveAction());
  file->addAction(files_->saveAsAction());
  file->addSeparator();
  export_menu_ = file->addMenu(tr("&Export"));
  export_menu_->setToolTipsVisible(true);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setToolTip(tr("Quit Backprop Studio"));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions({edit_actions_[0], edit_actions_[1]});
  edit->addSeparator();
  for (int i = 2; i < edit_actions_.size(); ++i) edit->addAction(edit_actions_[i]);
  edit->addSeparator();
  edit->addAction(zoom_actions_[3]);

  view_menu_ = menuBar()->addMenu(tr("&View"));
  view_menu_->addActions({zoom_actions_[0], zoom_actions_[1], zoom_actions_[2]});
  view_menu_->addSeparator();
  for (QDockWidget* d : docks_) view_menu_->addAction(d->toggleViewAction());
  panels_separator_ = view_menu_->addSeparator();
  view_menu_->addAction(main_bar_->toggleViewAction());
  view_menu_->addAction(training_bar_->toggleViewAction());
  view_menu_->addSeparator();
  reset_layout_ = view_menu_->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
  reset_layout_->setToolTip(
      tr("Put every panel back where it starts: data and layers on the left, settings and the "
         "decision boundary on the right, curves and neurons at the bottom"));
  view_menu_->addSeparator();
  dark_theme_ = view_menu_->addAction(studio_icon("theme"), tr("&Dark Theme"));
  dark_theme_->setCheckable(true);
  dark_theme_->setToolTip(tr("Switch between the light and the dark look (remembered)"));
  connect(dark_theme_, &QAction::toggled, this, &MainWindow::setDarkTheme);

  menuBar()->addMenu(make_templates_menu(doc_, view_, this));
  menuBar()->addMenu(make_examples_menu(files_, this));
  menuBar()->addMenu(make_compare_menu(doc_, this));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* started = help->addAction(tr("&Getting Started"), this, &MainWindow::showGettingStarted);
  started->setShortcut(QKeySequence::HelpContents);
  started->setToolTip(tr("The studio in six steps"));
  help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts)
      ->setToolTip(tr("Every key the studio answers to"));
  help->addSeparator();
  QAction* about = help->addAction(tr("&About Backprop Studio"), this, [this] {
    QMessageBox::about(
        this, tr("About Backprop Studio"),
        tr("<h3>Backprop Studio</h3><p>Build neural networks, train them on your CPU and "
           "watch them learn.</p><p>Drag layers from the palette, connect output ports to "
           "input ports, and press Train.</p>"));
  });
  about->setToolTip(tr("About this application"));
  for (QMenu* m : menuBar()->findChildren<QMenu*>()) m->setToolTipsVisible(true);
}

void MainWindow::addPanel(QDockWidget* dock, Qt::DockWidgetArea area) {
  if (dock->objectName().isEmpty()) dock->setObjectName(dock->windowTitle() + "Dock");
  addDockWidget(area, dock);
  docks_ << dock;
  view_menu_->insertAction(panels_separator_, dock->toggleViewAction());
}

void MainWindow::arrangeDefaultLayout() {
  const QByteArray saved = settings_->windowState();
  // The user's own arrangement wins (restored in showEvent); first the default one, so a state
  // that does not restore still leaves every dock in place.
  resetLayout();
  // Until the docks were tabbed, each stood alone in its area and the window's minimum height
  // was their sum (808 px and more): the window grew to it. Back to the size it was meant to
  // have, now that the minimum is small again.
  if (layout()) layout()->activate();
  if (!settings_->geometry().isEmpty())
    restoreSavedGeometry();
  else
    resize(wanted_size_);
  // A layout saved on another screen (1600x1000, now 1280x720) would keep its proportions on a
  // window it was not made for: the default layout, sized for this screen, instead.
  if (!saved.isEmpty() && !other_screen_) {
    pending_state_ = saved;
    if (isVisible()) restorePendingState();
  }
}

void MainWindow::restoreSavedGeometry() {
  restoreGeometry(settings_->geometry());
  // Saved on another screen (1600x1000, relaunched at 1280x720): brought onto this one. On the
  // screen it was saved on, the window comes back exactly as it was left.
  const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
  if (!screen) return;
  const QRect available = screen->availableGeometry();
  if (settings_->geometryScreenSize() == available.size()) return;
  fit_on_show_ = true;
  other_screen_ = true;
  fitOntoScreen(available);
}

void MainWindow::fitOntoScreen(const QRect& available) {
  QRect frame = frameGeometry();
  // Before the window is shown its frame is unknown: assume a title bar and borders.
  if (frame == geometry()) frame = geometry().adjusted(-8, -32, 8, 8);
  const QRect fitted = fit_onto_screen(frame, geometry(), available);
  if (fitted == geometry()) return;
  resize(fitted.size());
  move(fitted.topLeft() - (geometry().topLeft() - frameGeometry().topLeft()));
}

void MainWindow::restorePendingState() {
  const QByteArray state = std::exchange(pending_state_, QByteArray());
  if (state.isEmpty()) return;
  if (!restoreState(state, kLayoutVersion)) {
    resetLayout();
    return;
  }
  default_sizes_pending_ = false;  // the user's own sizes
  // Once laid out, a remembered layout that leaves a dock unusably small (a screen smaller than
  // the one it was saved on) gives way to the default one.
  QTimer::singleShot(0, this, [this] {
    if (isVisible() && !unusable_docks(*this).empty()) resetLayout();
  });
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  // A geometry from another screen, fitted before the frame was known: once more with it.
  if (std::exchange(fit_on_show_, false))
    if (const QScreen* s = screen(); s && frameGeometry() != geometry())
      fitOntoScreen(s->availableGeometry());
  if (!pending_state_.isEmpty()) restorePendingState();
  if (default_sizes_pending_) QTimer::singleShot(0, this, &MainWindow::applyDefaultSizes);
}

void MainWindow::resetLayout() {
  // Re-docking stands each dock alone for a moment, which raises the window's minimum height
  // (the sum of them) and grows the window; it keeps its size.
  const QSize keep = size();
  reset_dock_layout(*this);
  if (layout()) layout()->activate();
  resize(keep);
  // Dock sizes asked for before the window has its final geometry do not hold (at 1280x720 the
  // side docks kept their first sizes and the neuron view got 220 px): asked once more when
  // shown.
  default_sizes_pending_ = true;
  if (isVisible()) QTimer::singleShot(0, this, &MainWindow::applyDefaultSizes);
}

void MainWindow::applyDefaultSizes() {
  if (!std::exchange(default_sizes_pending_, false) || !isVisible()) return;
  arrange_default_layout(*this);
}

void MainWindow::setDarkTheme(bool dark) {
  apply_theme(dark ? Theme::Dark : Theme::Light);
  settings_->setTheme(dark ? Theme::Dark : Theme::Light);
  if (dark_theme_ && dark_theme_->isChecked() != dark) dark_theme_->setChecked(dark);
  scene_->update();
  view_->viewport()->update();
}

void MainWindow::startSession() {
  const QString last = settings_->lastProject();
  QString error;
  if (last.isEmpty() || !QFileInfo::exists(last) || !files_->openPath(last, &error)) {
    files_->openProject(starter_project());
    if (!error.isEmpty())
      statusBar()->showMessage(tr("Could not reopen the last project: %1").arg(error), 8000);
  }
  autosave_->offerRestore(this);
}

void MainWindow::trainingStarted() {
  // The first run, the first edit or a click on the hint: the user has found the way.
  if (!first_launch_hint_) return;
  first_launch_hint_ = false;
  settings_->setFirstLaunchHintDone();
  updateCanvasHint();
}

void MainWindow::updateCanvasHint() {
  if (doc_->network().nodes.empty()) {
    canvas_hint_->setHint(
        tr("The canvas is empty: drag a layer from the Layers palette on the left and drop it "
           "here (start with Input), or pick a ready network from the Templates menu."));
  } else if (first_launch_hint_) {
    canvas_hint_->setHint(
        tr("Press Space to train and watch the boundary form; drag layers from the palette "
           "onto the canvas to change the network; click a layer to edit it."));
  } else {
    canvas_hint_->setHint(QString());
  }
}

void MainWindow::showGettingStarted() {
  QMessageBox box(this);
  box.setWindowTitle(tr("Getting started"));
  box.setTextFormat(Qt::RichText);
  box.setText(
      tr("<h3>Getting started</h3><ol>"
         "<li><b>Train:</b> press <b>Space</b> (Play). The curves, the decision boundary and "
         "the neurons follow every step. <b>Pace</b> in the toolbar sets the speed: "
         "<i>1 step / frame</i> to follow single updates, <i>As fast as possible</i> to "
         "finish quickly.</li>"
         "<li><b>Step:</b> <i>Step batch</i> trains one mini-batch, <i>Step epoch</i> one pass "
         "over the data. <i>Reset</i> starts again from the same initial weights.</li>"
         "<li><b>Build:</b> drag layers from the <i>Layers</i> palette onto the canvas and "
         "connect an output port (bottom) to an input port (top); drop a layer on a "
         "connection to insert it. <i>Templates</i> has ready networks.</li>"
         "<li><b>Edit:</b> click a layer and change it in the <i>Inspector</i>; the "
         "<i>Training</i> tab holds the optimizer, learning rate, batch size and epochs.</li>"
         "<li><b>Data:</b> the <i>Dataset</i> tab (left) picks the toy set, its noise and "
         "size; click the decision-boundary plane to add points while it trains.</li>"
         "<li><b>Keep:</b> <i>File &gt; Save</i> keeps the network, the settings and the "
         "trained weights; <i>File &gt; Export</i> saves figures and PyTorch code.</li></ol>"
         "<p>Lost a panel? <i>View &gt; Reset Layout</i>.</p>"));
  box.exec();
}

void MainWindow::showShortcuts() {
  // From the actions themselves, so the list is always the one the studio answers to.
  QStringList rows;
  QSet<QString> seen;
  for (QAction* a : findChildren<QAction*>()) {
    const QString keys = a->shortcut().toString(QKeySequence::NativeText);
    if (keys.isEmpty()) continue;
    const QString name = a->text().remove(QLatin1Char('&'));
    if (seen.contains(keys + name)) continue;
    seen.insert(keys + name);
    rows << QStringLiteral("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>")
                .arg(keys.toHtmlEscaped(), name.toHtmlEscaped());
  }
  rows.sort();
  QMessageBox box(this);
  box.setWindowTitle(tr("Keyboard shortcuts"));
  box.setTextFormat(Qt::RichText);
  box.setText(tr("<h3>Keyboard shortcuts</h3><table>%1</table>"
                 "<p>On the canvas: the wheel zooms; the middle button or Alt+drag pans; "
                 "dragging empty space selects; dragging from an output port onto a layer "
                 "connects; Delete or Backspace removes the selection.</p>")
                  .arg(rows.join(QString())));
  box.exec();
}

void MainWindow::updateStatus() {
  const auto& shapes = doc_->shapes();
  const int layers = static_cast<int>(doc_->network().nodes.size());
  QString text = tr("%n layer(s) · %1 parameters", nullptr, layers)
                     .arg(QLocale().toString(static_cast<qlonglong>(shapes.total_parameters)));
  if (!shapes.ok())
    text += " · " + tr("%n problem(s)", nullptr, static_cast<int>(shapes.diagnostics.size()));
  status_network_->setText(text);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!files_->maybeSave()) {
    event->ignore();
    return;
  }
  settings_->setGeometry(saveGeometry());
  if (const QScreen* screen = this->screen())
    settings_->setGeometryScreenSize(screen->availableGeometry().size());
  settings_->setWindowState(saveState(kLayoutVersion));
  autosave_->discard();
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile() && url.toLocalFile().endsWith(".json", Qt::CaseInsensitive)) {
      event->acceptProposedAction();
      return;
    }
  QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile() && url.toLocalFile().endsWith(".json", Qt::CaseInsensitive)) {
      event->acceptProposedAction();
      const QString path = url.toLocalFile();
      QTimer::singleShot(0, this, [this, path] { files_->openWithPrompt(path); });
      return;
    }
  QMainWindow::dropEvent(event);
}

}  // namespace bp::ui
