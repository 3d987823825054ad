#include "ui/training/export_actions.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

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

}  // namespace

void add_export_actions(QMenu* menu, const QString& title, const QString& file_stem, QWidget* view,
                        bool svg, std::function<QString()> csv) {
  QAction* png = menu->addAction(QObject::tr("%1 as PNG…").arg(title));
  png->setToolTip(QObject::tr("Save the %1 view as an image").arg(title.toLower()));
  QObject::connect(png, &QAction::triggered, view, [=] {
    show_view(view);
    const QString path =
        ask(view, png->text(), file_stem + ".png", QObject::tr("PNG image (*.png)"));
    QString error;
    if (!path.isEmpty())
      report(view, export_view_image(view, path, ImageFormat::Png, &error), error);
  });
  if (svg) {
    QAction* a = menu->addAction(QObject::tr("%1 as SVG…").arg(title));
    a->setToolTip(QObject::tr("Save the %1 view as a vector drawing").arg(title.toLower()));
    QObject::connect(a, &QAction::triggered, view, [=] {
      show_view(view);
      const QString path =
          ask(view, a->text(), file_stem + ".svg", QObject::tr("SVG drawing (*.svg)"));
      QString error;
      if (!path.isEmpty())
        report(view, export_view_image(view, path, ImageFormat::Svg, &error), error);
    });
  }
  if (csv) {
    QAction* a = menu->addAction(QObject::tr("%1 data as CSV…").arg(title));
    a->setToolTip(QObject::tr("Save the numbers behind the %1 view").arg(title.toLower()));
    QObject::connect(a, &QAction::triggered, view, [=] {
      const QString path =
          ask(view, a->text(), file_stem + ".csv", QObject::tr("CSV table (*.csv)"));
      QString error;
      if (!path.isEmpty()) report(view, export_text(path, csv(), &error), error);
    });
  }
  menu->addSeparator();
}

}  // namespace bp::ui
