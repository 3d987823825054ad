#pragma once
// MessageBanner: the studio's message area, a strip above the canvas. Divergence, data/shape
// mismatches and failed runs appear here in full (word-wrapped, never truncated) with their
// advice, and stay until closed or replaced; earlier messages of the session are one click away
// (the "Earlier" menu). Hints (problems found while the user is still building) look milder than
// errors.
#include <QFrame>
#include <QString>
#include <QStringList>

class QLabel;
class QToolButton;

namespace bp::ui {

enum class MessageKind { Info, Hint, Warning, Error };

class MessageBanner : public QFrame {
  Q_OBJECT
 public:
  explicit MessageBanner(QWidget* parent = nullptr);

  // Shows `text` (and keeps it in the session's list); an empty text hides the banner.
  void showMessage(MessageKind kind, const QString& text);
  // Hides the banner when it shows a message of `kind` (a hint that no longer applies).
  void clearKind(MessageKind kind);
  QString text() const;
  MessageKind kind() const { return kind_; }
  // Every message of the session, oldest first, with its kind's word ("Error: ...").
  const QStringList& history() const { return history_; }

 private:
  void applyStyle();
  static QString kindWord(MessageKind kind);

  QLabel* icon_;
  QLabel* label_;
  QToolButton* earlier_;
  QToolButton* close_;
  MessageKind kind_ = MessageKind::Info;
  QStringList history_;
};

}  // namespace bp::ui
