#include "ui/lessons/presentation_mode.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

#include "ui/lessons/pointer_halo.h"

namespace bp::ui {

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
  was_full_screen_ = window_->isFullScreen();
  saved_font_ = QApplication::font();
  saved_palette_ = QApplication::palette();
  QFont big = saved_font_;
  big.setPointSizeF(saved_font_.pointSizeF() > 0 ? saved_font_.pointSizeF() * 1.6 : 16.0);
  big.setBold(true);
  QApplication::setFont(big);
  QApplication::setPalette(highContrastPalette());
  qApp->setStyleSheet(QStringLiteral(
      "QToolBar QToolButton { min-width: 64px; min-height: 48px; border: 3px solid black; "
      "margin: 3px; } QPushButton { border: 3px solid black; padding: 8px; } "
      "QDockWidget { color: white; } QDockWidget::title { background: black; padding: 6px; }"));
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
  for (QWidget* w : hidden_) w->hide();
  for (QAction* a : hidden_actions_) a->setVisible(false);
  next_->setVisible(true);
  for (QAction* a : {leave_, reset_key_, next_key_}) a->setEnabled(true);
  halo_ = new PointerHalo(window_);
  halo_->show();
  window_->showFullScreen();
  emit activeChanged(true);
}

void PresentationMode::leave() {
  if (!active_) return;
  active_ = false;
  for (QAction* a : {leave_, reset_key_, next_key_}) a->setEnabled(false);
  delete halo_;
  halo_ = nullptr;
  qApp->setStyleSheet(QString());
  QApplication::setPalette(saved_palette_);
  QApplication::setFont(saved_font_);
  for (QToolBar* bar : window_->findChildren<QToolBar*>())
    if (bar->objectName() == QLatin1String("TrainingToolBar")) {
      bar->removeAction(next_);
      bar->setIconSize(saved_icon_size_);
    }
  for (QAction* a : hidden_actions_) a->setVisible(true);
  for (QWidget* w : hidden_) w->show();
  hidden_.clear();
  hidden_actions_.clear();
  if (!was_full_screen_) window_->showNormal();
  window_->restoreState(saved_state_);
  emit activeChanged(false);
}

}  // namespace bp::ui
