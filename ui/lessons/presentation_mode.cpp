#include "ui/lessons/presentation_mode.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include "ui/lessons/pointer_halo.h"

namespace bp::ui {

namespace {
constexpr qreal kFontScale = 1.6;  // readable from the back of a room at 1280x720
}  // namespace

PresentationMode::PresentationMode(QMainWindow* window, QList<QAction*> keep, QAction* next,
                                   QObject* parent)
    : QObject(parent),
      window_(window),
      keep_(std::move(keep)),
      next_(next),
      leave_(new QAction(tr("Leave presentation mode"), window)),
      reset_key_(new QAction(tr("Reset (presentation)"), window)),
      next_key_(new QAction(tr("Next step (presentation)"), window)) {
  leave_->setShortcut(Qt::Key_Escape);
  reset_key_->setShortcut(Qt::Key_R);
  next_key_->setShortcut(Qt::Key_Right);
  window->installEventFilter(this);
  for (QAction* a : {leave_, reset_key_, next_key_}) {
    a->setShortcutContext(Qt::ApplicationShortcut);
    a->setEnabled(false);
    window->addAction(a);
  }
  connect(leave_, &QAction::triggered, this, &PresentationMode::leave);
  connect(next_key_, &QAction::triggered, next_, &QAction::trigger);
  for (QAction* a : keep_)
    if (a->text().contains(tr("Reset"), Qt::CaseInsensitive))
      connect(reset_key_, &QAction::triggered, a, &QAction::trigger);
}

PresentationMode::~PresentationMode() = default;

QPalette PresentationMode::highContrastPalette() {
  QPalette p;
  p.setColor(QPalette::Window, Qt::white);
  p.setColor(QPalette::WindowText, Qt::black);
  p.setColor(QPalette::Base, Qt::white);
  p.setColor(QPalette::AlternateBase, QColor(235, 235, 235));
  p.setColor(QPalette::Text, Qt::black);
  p.setColor(QPalette::Button, QColor(250, 250, 250));
  p.setColor(QPalette::ButtonText, Qt::black);
  p.setColor(QPalette::Highlight, QColor(0, 60, 200));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(255, 255, 200));
  p.setColor(QPalette::ToolTipText, Qt::black);
  p.setColor(QPalette::Light, Qt::white);
  p.setColor(QPalette::Mid, Qt::black);
  p.setColor(QPalette::Dark, Qt::black);
  p.setColor(QPalette::Shadow, Qt::black);
  return p;
}

void PresentationMode::enter(const QStringList& hidden_docks) {
  if (active_) leave();
  active_ = true;
  saved_state_ = window_->saveState();
  saved_geometry_ = window_->geometry();
  was_full_screen_ = window_->isFullScreen();
  was_maximized_ = window_->isMaximized();
  saved_font_ = QApplication::font();
  saved_palette_ = QApplication::palette();
  // Fonts of their own first (scaled from their size now), then the one everything else inherits.
  own_fonts_.scale(window_, kFontScale);
  QFont big = scaled_font(saved_font_, kFontScale);
  if (big.pointSizeF() <= 0 && big.pixelSize() <= 0) big.setPointSizeF(16.0);
  big.setBold(true);
  QApplication::setFont(big);
  QApplication::setPalette(highContrastPalette());
  // No application style sheet: widgets that a style sheet polished while hidden (the lesson's
  // hidden docks, the toolbar's hidden widgets) kept its sizes after it was removed, and the dock
  // columns grew on every exit. Large icons, the palette and the font carry the contrast.
  hidden_.clear();
  hidden_actions_.clear();
  for (QToolBar* bar : window_->findChildren<QToolBar*>()) {
    if (bar->objectName() != QLatin1String("TrainingToolBar")) {
      if (bar->isVisible()) hidden_ << bar;
      continue;
    }
    saved_icon_size_ = bar->iconSize();
    bar->setIconSize(QSize(40, 40));
    for (QAction* a : bar->actions())
      if (a->isVisible() && !keep_.contains(a) && a != next_) hidden_actions_ << a;
    bar->addAction(next_);
  }
  for (QDockWidget* d : window_->findChildren<QDockWidget*>())
    if (hidden_docks.contains(d->objectName()) && d->isVisible()) hidden_ << d;
  if (window_->menuBar()->isVisible()) hidden_ << window_->menuBar();
  // The status bar's labels in the large font alone were wider than a 1280x720 screen (the window
  // grew past it and the right dock column ran off the screen); the lesson panel and the curves
  // say what a class needs.
  if (window_->statusBar()->isVisible()) hidden_ << window_->statusBar();
  for (QWidget* w : hidden_) w->hide();
  // The docks' contents in the large font asked for more than a 1280x720 screen (the window grew
  // past it in full screen, and the right dock column ran off the screen): while presenting,
  // a dock may be smaller than its content would like (the content is clipped, the window fits).
  squeezed_.clear();
  for (QDockWidget* d : window_->findChildren<QDockWidget*>())
    if (QWidget* w = d->widget(); w && d->isVisible()) {
      squeezed_.append({w, w->minimumSize()});
      w->setMinimumSize(1, 1);
    }
  for (QAction* a : hidden_actions_) a->setVisible(false);
  next_->setVisible(true);
  for (QAction* a : {leave_, reset_key_, next_key_}) a->setEnabled(true);
  halo_ = new PointerHalo(window_);
  halo_->show();
  window_->showFullScreen();
  // Exactly the screen, also where no window manager applies "full screen" (Xvfb, a kiosk): a
  // window that had grown wider than the screen stayed so, and its right dock column ran off it.
  if (QScreen* screen = window_->screen()) window_->setGeometry(screen->geometry());
  emit activeChanged(true);
}

void PresentationMode::leave() {
  if (!active_) return;
  active_ = false;
  for (QAction* a : {leave_, reset_key_, next_key_}) a->setEnabled(false);
  delete halo_;
  halo_ = nullptr;
  QApplication::setPalette(saved_palette_);
  QApplication::setFont(saved_font_);
  own_fonts_.restore();
  for (QToolBar* bar : window_->findChildren<QToolBar*>())
    if (bar->objectName() == QLatin1String("TrainingToolBar")) {
      bar->removeAction(next_);
      bar->setIconSize(saved_icon_size_);
    }
  for (const auto& [w, size] : squeezed_)
    if (w) w->setMinimumSize(size);
  squeezed_.clear();
  for (QAction* a : hidden_actions_) a->setVisible(true);
  for (QWidget* w : hidden_) w->show();
  hidden_.clear();
  hidden_actions_.clear();
  // Widgets hidden while presenting (the lesson's hidden docks) kept the large font the style
  // sheet had polished into them, and many widgets kept the size hints they cached for it (a
  // combo box, a label): every inheriting widget resolves its font again, parents first, and
  // every widget drops its cached sizes. Without this the docks' minimum sizes stayed those of the
  // large font and the dock columns grew on every exit.
  for (QWidget* w : window_->findChildren<QWidget*>()) {
    if (!w->testAttribute(Qt::WA_SetFont)) {
      QEvent resolve(QEvent::ApplicationFontChange);
      QCoreApplication::sendEvent(w, &resolve);
    }
    QEvent changed(QEvent::FontChange);
    QCoreApplication::sendEvent(w, &changed);
    w->updateGeometry();
  }
  // A window manager (or the platform) applies the normal geometry later than showNormal()
  // returns, and restoreState() fits the saved dock sizes into the window's size of the moment
  // (the full screen's): the layout is put back once more when the window has its size again,
  // and once the smaller fonts' layouts have run. Without it each exit left the dock columns
  // sized for the full screen and pushed the right one off the screen after a few entries.
  restore_pending_ = true;
  // The layouts follow the smaller fonts (posted layout requests, resolved fonts) before the
  // saved sizes are applied; no user input is taken meanwhile.
  QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
  restoreLayout();
  QTimer::singleShot(0, this, [this] {
    if (!active_) restoreLayout();
  });
  emit activeChanged(false);
}

void PresentationMode::restoreLayout() {
  // The smaller fonts' sizes first (pending layout requests), so that the saved sizes fit.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  if (was_full_screen_)
    window_->showFullScreen();
  else if (was_maximized_)
    window_->showMaximized();
  else {
    window_->showNormal();
    window_->setGeometry(saved_geometry_);
  }
  window_->restoreState(saved_state_);
  if (window_->geometry() == saved_geometry_ || was_full_screen_ || was_maximized_)
    restore_pending_ = false;
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
  if (watched == window_ && event->type() == QEvent::Resize && restore_pending_ && !active_ &&
      window_->geometry() == saved_geometry_) {
    restore_pending_ = false;
    window_->restoreState(saved_state_);
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace bp::ui
