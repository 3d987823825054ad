#pragma once
// DenseBuilder: Playground's way to build a dense network, beside drag-and-drop. A strip under
// the canvas, shown while the network is Input -> Linear -> ... -> Linear: "Hidden layers
// [-] [+]", each hidden layer's units with [-] [+], and one activation for all hidden layers.
// Every click is one undoable command (EditNetwork).
#include <QWidget>
#include <vector>

#include "engine/graph/network_spec.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace bp::ui {

class ProjectDocument;

class DenseBuilder : public QWidget {
  Q_OBJECT
 public:
  explicit DenseBuilder(ProjectDocument* doc, QWidget* parent = nullptr);

  // For tests and shortcuts: the same as the buttons.
  void addLayer();
  void removeLayer();
  // `index`: hidden layer 0, 1, ...; `delta`: +1 / -1 unit.
  void changeUnits(int index, int delta);

 signals:
  // A refusal the user should read ("at most 4096 units").
  void message(const QString& text);

 private:
  void rebuild();
  void push(const NetworkSpec& after, const QString& text);

  ProjectDocument* doc_;
  QHBoxLayout* row_;
  QLabel* layers_label_;
  QToolButton* remove_layer_;
  QToolButton* add_layer_;
  QComboBox* activation_;
  std::vector<QWidget*> unit_widgets_;
  bool updating_ = false;
};

}  // namespace bp::ui
