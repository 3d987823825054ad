#include "ui/lessons/lesson_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bp::ui {
namespace {

// A push button whose label wraps: a long "show me" label in presentation mode's large font
// must not widen the panel past its dock (the step's text was cut off at the right at 1280x720).
QPushButton* wrapping_button(const QString& text, QWidget* parent) {
  auto* b = new QPushButton(parent);
  b->setToolTip(text);
  b->setAccessibleName(text);
  auto* label = new QLabel(text, b);
  label->setObjectName("ActionLabel");
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignCenter);
  label->setAttribute(Qt::WA_TransparentForMouseEvents);
  auto* lay = new QHBoxLayout(b);
  lay->setContentsMargins(8, 6, 8, 6);
  lay->addWidget(label);
  b->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
  return b;
}

}  // namespace

LessonPanel::LessonPanel(QWidget* parent)
    : QWidget(parent),
      heading_(new QLabel(this)),
      text_(new QLabel(this)),
      questions_(new QLabel(this)),
      note_(new QLabel(this)),
      actions_(new QVBoxLayout),
      previous_(new QPushButton(tr("◀ Previous"), this)),
      next_(new QPushButton(tr("Next ▶"), this)),
      restart_(new QPushButton(tr("Restart lesson"), this)) {
  setObjectName("LessonPanel");
  for (QLabel* l : {heading_, text_, questions_}) {
    l->setWordWrap(true);
    l->setTextFormat(Qt::RichText);
    l->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // The panel's width is the dock's: text wraps to it instead of widening it.
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  }
  note_->setWordWrap(true);
  note_->setTextFormat(Qt::PlainText);
  note_->setObjectName("LessonNote");
  note_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  note_->hide();
  restart_->setToolTip(tr("Back to the first step with the lesson's initial weights"));
  connect(previous_, &QPushButton::clicked, this, &LessonPanel::previousRequested);
  connect(next_, &QPushButton::clicked, this, &LessonPanel::nextRequested);
  connect(restart_, &QPushButton::clicked, this, &LessonPanel::restartRequested);
  auto* nav = new QHBoxLayout;
  nav->addWidget(previous_);
  nav->addWidget(next_);
  auto* lay = new QVBoxLayout(this);
  lay->addWidget(heading_);
  lay->addWidget(text_);
  lay->addWidget(questions_);
  lay->addLayout(actions_);
  lay->addWidget(note_);
  lay->addStretch(1);
  lay->addLayout(nav);
  lay->addWidget(restart_);
}

void LessonPanel::showStep(const Lesson& lesson, int step) {
  const LessonStep& s = lesson.steps.at(static_cast<size_t>(step));
  heading_->setText(tr("<h3>%1</h3><p>Step %2 of %3: <b>%4</b></p>")
                        .arg(QString::fromStdString(lesson.title).toHtmlEscaped())
                        .arg(step + 1)
                        .arg(lesson.steps.size())
                        .arg(QString::fromStdString(s.title).toHtmlEscaped()));
  text_->setText(QString::fromStdString(s.text).toHtmlEscaped());
  QString q;
  for (const auto& question : s.questions)
    q += "<li>" + QString::fromStdString(question).toHtmlEscaped() + "</li>";
  questions_->setText(q.isEmpty() ? QString()
                                  : tr("<p><b>Think about it</b></p><ul>%1</ul>").arg(q));
  questions_->setVisible(!q.isEmpty());
  for (QPushButton* b : action_buttons_) b->deleteLater();
  action_buttons_.clear();
  for (size_t i = 0; i < s.actions.size(); ++i) {
    auto* b = wrapping_button(QString::fromStdString(s.actions[i].label), this);
    const int index = static_cast<int>(i);
    connect(b, &QPushButton::clicked, this, [this, index] { emit actionRequested(index); });
    actions_->addWidget(b);
    action_buttons_.append(b);
  }
  showNote(QString());
  previous_->setEnabled(step > 0);
  next_->setEnabled(step + 1 < static_cast<int>(lesson.steps.size()));
}

void LessonPanel::showNote(const QString& text) {
  note_->setText(text);
  note_->setVisible(!text.isEmpty());
}

QString LessonPanel::note() const {
  return note_->text();
}

QString LessonPanel::stepText() const {
  return text_->text();
}

}  // namespace bp::ui
