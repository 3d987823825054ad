#pragma once
// The Templates menu (replace the network by a quick-start one, undoable) and the Examples menu
// (open a bundled project from :/examples/*.json as an untitled copy).
class QMenu;
class QWidget;

namespace bp::ui {

class ProjectDocument;
class FileActions;
class NetworkView;

QMenu* make_templates_menu(ProjectDocument* doc, NetworkView* view, QWidget* parent);
QMenu* make_examples_menu(FileActions* files, QWidget* parent);

}  // namespace bp::ui
