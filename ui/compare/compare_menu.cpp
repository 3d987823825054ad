#include "ui/compare/compare_menu.h"

#include <QMenu>
#include <QPointer>
#include <QTabWidget>

#include "ui/compare/compare_window.h"
#include "ui/document/project_document.h"

namespace bp::ui {

QMenu* make_compare_menu(ProjectDocument* doc, QWidget* parent) {
  auto* menu = new QMenu(QObject::tr("&Compare"), parent);
  auto window = std::make_shared<QPointer<CompareWindow>>();
  auto open = [doc, parent, window](int tab) {
    CompareWindow* w = *window;
    if (!w) {
      w = new CompareWindow([doc] { return doc->project(); }, parent);
      *window = w;
    }
    w->showTab(tab);
  };
  QAction* lab = menu->addAction(QObject::tr("Compare &Runs…"), parent, [open] { open(0); });
  lab->setToolTip(
      QObject::tr("Train the current project with several optimizers, learning rates, … side by "
                  "side from the same start"));
  QAction* traj =
      menu->addAction(QObject::tr("Optimizer &Trajectories…"), parent, [open] { open(5); });
  traj->setToolTip(QObject::tr("Watch optimizers descend Rosenbrock, Beale, a saddle, …"));
  return menu;
}

}  // namespace bp::ui
