#include "ui/widgets/message_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace bp::ui {

namespace {
constexpr int kHistorySize = 30;
}

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent),
      icon_(new QLabel(this)),
      label_(new QLabel(this)),
      earlier_(new QToolButton(this)),
      close_(new QToolButton(this)) {
  setObjectName(QStringLiteral("MessageBanner"));
  setFrameShape(QFrame::StyledPanel);
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(8, 4, 4, 4);
  icon_->setAlignment(Qt::AlignTop);
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  label_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  earlier_->setText(tr("Earlier"));
  earlier_->setToolTip(tr("Messages shown earlier in this session"));
  earlier_->setPopupMode(QToolButton::InstantPopup);
  earlier_->setMenu(new QMenu(earlier_));
  close_->setText(QStringLiteral("✕"));
  close_->setToolTip(tr("Close this message"));
  close_->setAutoRaise(true);
  connect(close_, &QToolButton::clicked, this, &QWidget::hide);
  connect(earlier_->menu(), &QMenu::aboutToShow, this, [this] {
    QMenu* menu = earlier_->menu();
    menu->clear();
    for (auto it = history_.crbegin(); it != history_.crend(); ++it) {
      QString line = *it;
      if (line.size() > 120) line = line.left(117) + QStringLiteral("...");
      QAction* a = menu->addAction(line);
      a->setToolTip(*it);
      const QString& full = *it;  // the lambda keeps its own copy
      connect(a, &QAction::triggered, label_, [this, full] {
        label_->setText(full);
        show();
      });
    }
  });
  row->addWidget(icon_);
  row->addWidget(label_, 1);
  row->addWidget(earlier_, 0, Qt::AlignTop);
  row->addWidget(close_, 0, Qt::AlignTop);
  hide();
}

QString MessageBanner::kindWord(MessageKind kind) {
  switch (kind) {
    case MessageKind::Info:
      return tr("Note");
    case MessageKind::Hint:
      return tr("Hint");
    case MessageKind::Warning:
      return tr("Warning");
    case MessageKind::Error:
      break;
  }
  return tr("Error");
}

void MessageBanner::showMessage(MessageKind kind, const QString& text) {
  if (text.isEmpty()) {
    hide();
    return;
  }
  kind_ = kind;
  label_->setText(QStringLiteral("<b>%1:</b> %2").arg(kindWord(kind), text.toHtmlEscaped()));
  history_ << kindWord(kind) + QStringLiteral(": ") + text;
  while (history_.size() > kHistorySize) history_.removeFirst();
  earlier_->setVisible(history_.size() > 1);
  applyStyle();
  show();
}

void MessageBanner::clearKind(MessageKind kind) {
  if (kind_ == kind) hide();
}

QString MessageBanner::text() const {
  return isVisible() || !isHidden() ? label_->text() : QString();
}

void MessageBanner::applyStyle() {
  // Soft backgrounds that read on the light and the dark palette alike.
  QString colour;
  switch (kind_) {
    case MessageKind::Info:
      colour = QStringLiteral("rgba(70, 130, 220, 45)");
      break;
    case MessageKind::Hint:
      colour = QStringLiteral("rgba(120, 120, 120, 40)");
      break;
    case MessageKind::Warning:
      colour = QStringLiteral("rgba(230, 160, 30, 60)");
      break;
    case MessageKind::Error:
      colour = QStringLiteral("rgba(220, 60, 60, 60)");
      break;
  }
  setStyleSheet(
      QStringLiteral("QFrame#MessageBanner { background: %1; border: none; }").arg(colour));
}

}  // namespace bp::ui
