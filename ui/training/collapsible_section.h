#pragma once
// CollapsibleSection: a titled group of form rows that folds to its title bar (a flat tool
// button with an arrow). The training panel stacks these so the common settings come first and
// the rest stay out of the way until opened.
#include <QWidget>

class QFormLayout;
class QToolButton;

namespace bp::ui {

class CollapsibleSection : public QWidget {
  Q_OBJECT
 public:
  CollapsibleSection(const QString& title, bool expanded, QWidget* parent = nullptr);

  QFormLayout* form() const { return form_; }
  QString title() const;
  bool isExpanded() const;
  void setExpanded(bool on);
  QToolButton* header() const { return header_; }

 signals:
  void toggled(bool expanded);

 private:
  QToolButton* header_;
  QWidget* body_;
  QFormLayout* form_;
};

}  // namespace bp::ui
