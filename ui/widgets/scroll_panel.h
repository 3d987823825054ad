#pragma once
// A dock panel's scaffolding: `panel` gets a frameless, resizable scroll area whose content
// widget has a vertical layout with small margins; returns that layout (its parentWidget() is
// the content widget to parent controls to).
class QVBoxLayout;
class QWidget;

namespace bp::ui {

QVBoxLayout* make_scroll_panel(QWidget* panel);

}  // namespace bp::ui
