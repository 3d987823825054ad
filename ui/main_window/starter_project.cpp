#include "ui/main_window/starter_project.h"

#include <QFile>

#include "ui/editor/templates.h"

namespace bp::ui {

Project builtin_spiral_project() {
  Project p;
  p.name = "Spiral";
  p.description = "Two interleaved spirals: a small Tanh network learns to separate them.";
  p.network = spiral_mlp();
  p.dataset.source = DatasetSource::Toy;
  p.dataset.toy = ToyKind::Spiral;
  p.dataset.classes = 2;
  p.training.loss = LossKind::CrossEntropyLoss;
  return p;
}

Project starter_project() {
  QFile file(":/examples/spiral.json");
  if (file.open(QIODevice::ReadOnly)) {
    try {
      return parse_project(file.readAll().toStdString(), ":/examples/spiral.json");
    } catch (const std::exception&) {
      // A broken bundled example must not stop the app from starting.
    }
  }
  return builtin_spiral_project();
}

}  // namespace bp::ui
