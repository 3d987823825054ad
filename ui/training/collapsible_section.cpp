#include "ui/training/collapsible_section.h"

#include <QFormLayout>
#include <QFrame>
#include <QToolButton>
#include <QVBoxLayout>

namespace bp::ui {

CollapsibleSection::CollapsibleSection(const QString& title, bool expanded, QWidget* parent)
    : QWidget(parent), header_(new QToolButton(this)), body_(new QFrame(this)) {
  header_->setText(title);
  header_->setCheckable(true);
  header_->setAutoRaise(true);
  header_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  header_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  QFont bold = header_->font();
  bold.setBold(true);
  header_->setFont(bold);
  header_->setToolTip(tr("Click to show or hide these settings."));
  static_cast<QFrame*>(body_)->setFrameShape(QFrame::StyledPanel);
  form_ = new QFormLayout(body_);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(0, 0, 0, 0);
  lay->setSpacing(0);
  lay->addWidget(header_);
  lay->addWidget(body_);
  connect(header_, &QToolButton::toggled, this, [this](bool on) {
    header_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    body_->setVisible(on);
    emit toggled(on);
  });
  header_->setChecked(expanded);
  header_->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
  body_->setVisible(expanded);
}

QString CollapsibleSection::title() const {
  return header_->text();
}

bool CollapsibleSection::isExpanded() const {
  return header_->isChecked();
}

void CollapsibleSection::setExpanded(bool on) {
  header_->setChecked(on);
}

}  // namespace bp::ui
