#include "ui/main_window/export_actions.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

#include "engine/io/pytorch_export.h"
#include "ui/views/snapshot_view.h"
#include "ui/views/view_export.h"

namespace bp::ui {
namespace {

QString& last_folder() {
  static QString folder = QDir::homePath();
  return folder;
}

// Asks for a file name; empty when cancelled.
QString ask(QWidget* view, const QString& caption, const QString& name, const QString& filter) {
  const QString path = QFileDialog::getSaveFileName(view->window(), caption,
                                                    QDir(last_folder()).filePath(name), filter);
  if (!path.isEmpty()) last_folder() = QFileInfo(path).absolutePath();
  return path;
}

void report(QWidget* view, bool ok, const QString& error) {
  if (!ok) QMessageBox::warning(view->window(), QObject::tr("Export failed"), error);
}

// A view in a hidden dock tab has never been laid out: bring its dock to the front first.
void show_view(QWidget* view) {
  for (QWidget* w = view; w; w = w->parentWidget())
    if (auto* dock = qobject_cast<QDockWidget*>(w)) {
      dock->raise();
      break;
    }
}

// One menu entry: asks for a file name, then `write(path, &error)`.
void add_entry(QMenu* menu, QWidget* view, const QString& text, const QString& tip,
               const QString& file, const QString& filter, bool raise_first,
               std::function<bool(const QString&, QString*)> write) {
  QAction* a = menu->addAction(text);
  a->setToolTip(tip);
  QObject::connect(a, &QAction::triggered, view, [=] {
    if (raise_first) show_view(view);
    const QString path = ask(view, text, file, filter);
    QString error;
    if (!path.isEmpty()) report(view, write(path, &error), error);
  });
}

}  // namespace

void add_pytorch_export_action(QMenu* menu, QWidget* parent, std::function<Project()> project) {
  add_entry(
      menu, parent, QObject::tr("Network as PyTorch code…"),
      QObject::tr("Save the network as a Python script for PyTorch; it loads the weights of a "
                  "saved project: python3 FILE.py PROJECT.json"),
      "network.py", QObject::tr("Python script (*.py)"), false,
      [project](const QString& path, QString* error) {
        try {
          return export_text(path, QString::fromStdString(export_pytorch(project())), error);
        } catch (const std::exception& e) {
          if (error) *error = QString::fromStdString(e.what());
          return false;
        }
      });
  menu->addSeparator();
}

void add_export_actions(QMenu* menu, const QString& title, const QString& file_stem,
                        SnapshotView* view) {
  const QString what = title.toLower();
  QWidget* w = view->viewWidget();
  auto image = [view](ImageFormat f) {
    return [view, f](const QString& path, QString* error) {
      return view->exportImage(path, f, error);
    };
  };
  add_entry(menu, w, QObject::tr("%1 as PNG…").arg(title),
            QObject::tr("Save the %1 view as an image").arg(what), file_stem + ".png",
            QObject::tr("PNG image (*.png)"), true, image(ImageFormat::Png));
  if (view->exportsSvg())
    add_entry(menu, w, QObject::tr("%1 as SVG…").arg(title),
              QObject::tr("Save the %1 view as a vector drawing").arg(what), file_stem + ".svg",
              QObject::tr("SVG drawing (*.svg)"), true, image(ImageFormat::Svg));
  if (view->exportsCsv())
    add_entry(menu, w, QObject::tr("%1 data as CSV…").arg(title),
              QObject::tr("Save the numbers behind the %1 view").arg(what), file_stem + ".csv",
              QObject::tr("CSV table (*.csv)"), false, [view](const QString& path, QString* error) {
                return export_text(path, view->csv(), error);
              });
  menu->addSeparator();
}

}  // namespace bp::ui
