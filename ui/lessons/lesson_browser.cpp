#include "ui/lessons/lesson_browser.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/lessons/lesson_thumbnail.h"

namespace bp::ui {

LessonBrowser::LessonBrowser(const std::vector<Lesson>& lessons, QWidget* parent)
    : QDialog(parent), lessons_(lessons), list_(new QListWidget(this)), details_(new QLabel(this)) {
  setObjectName("LessonBrowser");
  setWindowTitle(tr("Lessons"));
  list_->setIconSize(QSize(72, 72));
  list_->setSpacing(4);
  for (const Lesson& l : lessons) {
    auto* item = new QListWidgetItem(
        QIcon(lesson_thumbnail(l, 72)),
        tr("%1\n%2 · %3 min")
            .arg(QString::fromStdString(l.title), QString::fromLatin1(lesson_level_name(l.level)))
            .arg(l.duration_minutes),
        list_);
    item->setToolTip(QString::fromStdString(l.what_you_will_see));
  }
  details_->setWordWrap(true);
  details_->setMinimumWidth(320);
  details_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Start lesson"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(list_, &QListWidget::currentRowChanged, this, &LessonBrowser::showDetails);
  connect(list_, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
  auto* row = new QHBoxLayout;
  row->addWidget(list_, 1);
  row->addWidget(details_, 1);
  auto* lay = new QVBoxLayout(this);
  lay->addLayout(row);
  lay->addWidget(buttons);
  resize(860, 520);
  if (!lessons.empty()) list_->setCurrentRow(0);
}

int LessonBrowser::chosen() const {
  return list_->currentRow();
}

void LessonBrowser::showDetails(int row) {
  if (row < 0 || row >= static_cast<int>(lessons_.size())) return details_->clear();
  const Lesson& l = lessons_[static_cast<size_t>(row)];
  details_->setText(
      tr("<h2>%1</h2><p><b>%2</b> · about %3 minutes · %4 steps</p><p><b>What you will see.</b> "
         "%5</p><p><b>What its test checks.</b> %6</p>")
          .arg(QString::fromStdString(l.title).toHtmlEscaped(),
               QString::fromLatin1(lesson_level_name(l.level)))
          .arg(l.duration_minutes)
          .arg(l.steps.size())
          .arg(QString::fromStdString(l.what_you_will_see).toHtmlEscaped(),
               QString::fromStdString(l.claim).toHtmlEscaped()));
}

}  // namespace bp::ui
