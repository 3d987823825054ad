#include "ui/main_window/project_menus.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

#include "ui/document/commands/apply_template.h"
#include "ui/document/project_document.h"
#include "ui/editor/network_view.h"
#include "ui/editor/templates.h"
#include "ui/main_window/file_actions.h"

namespace bp::ui {

QMenu* make_templates_menu(ProjectDocument* doc, NetworkView* view, QWidget* parent) {
  auto* menu = new QMenu(QObject::tr("&Templates"), parent);
  menu->setToolTipsVisible(true);
  for (const auto& t : network_templates()) {
    QAction* a = menu->addAction(t.name);
    a->setToolTip(t.description + " " + QObject::tr("(Replaces the network; undo restores it.)"));
    a->setStatusTip(t.description);
    QObject::connect(a, &QAction::triggered, menu, [doc, view, t] {
      doc->undoStack()->push(new ApplyTemplate(
          doc, t.network, t.name, template_train_config(t, doc->trainConfig()), t.dataset));
      view->fitAll();
    });
  }
  return menu;
}

QMenu* make_examples_menu(FileActions* files, QWidget* parent) {
  auto* menu = new QMenu(QObject::tr("E&xamples"), parent);
  menu->setToolTipsVisible(true);
  const QStringList names = QDir(":/examples").entryList({"*.json"}, QDir::Files, QDir::Name);
  if (names.isEmpty()) {
    menu->addAction(QObject::tr("(no examples bundled)"))->setEnabled(false);
    return menu;
  }
  for (const QString& file : names) {
    QString title = QFileInfo(file).completeBaseName().replace('-', ' ').replace('_', ' ');
    if (!title.isEmpty()) title[0] = title[0].toUpper();
    QAction* a = menu->addAction(title);
    const QString path = ":/examples/" + file;
    a->setToolTip(QObject::tr("Open the bundled example %1 as a new, untitled project").arg(file));
    QObject::connect(a, &QAction::triggered, menu, [files, path, parent] {
      if (!files->maybeSave()) return;
      QFile f(path);
      try {
        if (!f.open(QIODevice::ReadOnly)) throw Error(path.toStdString() + ": cannot read");
        files->openProject(parse_project(f.readAll().toStdString(), path.toStdString()));
      } catch (const std::exception& e) {
        QMessageBox::warning(parent, QObject::tr("Cannot open example"),
                             QString::fromUtf8(e.what()));
      }
    });
  }
  return menu;
}

}  // namespace bp::ui
