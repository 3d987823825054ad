#pragma once
// PresentationMode: the studio for a room. Full screen, fonts 1.6x, a high-contrast palette
// (black on white), the menu and status bars hidden, the toolbars reduced to Play / Step / Reset /
// Next step, only the lesson's panels shown (docks may be smaller than their content, so the
// window fits the screen), a yellow halo that follows the pointer, and keyboard
// control: Space plays/pauses (the training toolbar's own shortcut), → next step, R resets,
// Esc leaves. leave() restores the window, the fonts, the palette and every dock as they were:
// the window's geometry and the docks' layout exactly (geometry and saveState, applied again
// once the window has left full screen), so entering and leaving any number of times changes
// nothing. The large font reaches every widget of the window, those with a font of their own and
// the charts' fonts included (FontScaler).
#include <QFont>
#include <QObject>
#include <QPair>
#include <QPalette>
#include <QPointer>
#include <QRect>
#include <QSize>
#include <QStringList>

#include "ui/lessons/font_scaler.h"

class QAction;
class QMainWindow;
class QWidget;

namespace bp::ui {

class PointerHalo;

class PresentationMode : public QObject {
  Q_OBJECT
 public:
  // `keep`: the toolbar actions that stay visible (Play, Step, Reset); `next`: the lesson's
  // next-step action, added to the training toolbar while presenting.
  PresentationMode(QMainWindow* window, QList<QAction*> keep, QAction* next,
                   QObject* parent = nullptr);
  ~PresentationMode() override;

  bool isActive() const { return active_; }
  // `hidden_docks`: object names of docks to hide (the lesson's "hide_controls").
  void enter(const QStringList& hidden_docks);
  void leave();
  // Also used by tests: the keys the mode reacts to.
  QAction* leaveAction() const { return leave_; }
  QAction* resetKeyAction() const { return reset_key_; }
  QAction* nextKeyAction() const { return next_key_; }
  PointerHalo* halo() const { return halo_; }
  static QPalette highContrastPalette();

 signals:
  void activeChanged(bool active);

 private:
  QMainWindow* window_;
  QList<QAction*> keep_;
  QAction* next_;
  QAction* leave_;
  QAction* reset_key_;
  QAction* next_key_;
  PointerHalo* halo_ = nullptr;
  bool active_ = false;
  // What enter() changed, for leave().
  bool eventFilter(QObject* watched, QEvent* event) override;
  void restoreLayout();
  bool restore_pending_ = false;  // the state goes back once more when the window has its size
  QByteArray saved_state_;
  QRect saved_geometry_;  // the window's own geometry (not clamped to a screen, unlike
                          // restoreGeometry)
  bool was_full_screen_ = false;
  bool was_maximized_ = false;
  FontScaler own_fonts_;
  QFont saved_font_;
  QSize saved_icon_size_;
  QPalette saved_palette_;
  QList<QWidget*> hidden_;
  QList<QPair<QPointer<QWidget>, QSize>> squeezed_;  // dock contents and their minimum sizes
  QList<QAction*> hidden_actions_;
};

}  // namespace bp::ui
