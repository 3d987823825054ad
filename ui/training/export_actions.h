#pragma once
// The File > Export entries for one view: "<title> as PNG…", "as SVG…" (where the view paints
// vectors) and "data as CSV…" (where it has data). Each asks for a file name (starting in the
// folder used last) and reports a failure in a message box; the writes are atomic.
#include <QString>
#include <functional>

class QMenu;
class QWidget;

namespace bp::ui {

void add_export_actions(QMenu* menu, const QString& title, const QString& file_stem, QWidget* view,
                        bool svg, std::function<QString()> csv = {});

}  // namespace bp::ui
