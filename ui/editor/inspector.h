#pragma once
// Inspector: edits the selected node's parameters with validated widgets suited to its kind
// (units, activation and its parameter, initializers, kernel/stride/padding/dilation, p,
// eps/momentum/affine, input shape). Every edit is a SetNodeParams command; consecutive edits of
// one field merge (scrubbing a spin box is one undo step). Shows the network's parameter total.
#include <QWidget>
#include <functional>
#include <utility>
#include <vector>

#include "engine/graph/network_spec.h"

class QFormLayout;
class QLabel;
class QLineEdit;

namespace bp::ui {

class ProjectDocument;

class Inspector : public QWidget {
  Q_OBJECT
 public:
  explicit Inspector(ProjectDocument* doc, QWidget* parent = nullptr);
  // -1: nothing selected (shows the network summary only).
  void setNode(int node_id);
  int nodeId() const { return node_id_; }

  // Building blocks used by the field helpers (inspector_fields.cpp).
  using Getter = std::function<double(const LayerParams&)>;
  using Setter = std::function<void(LayerParams&, double)>;
  using Visible = std::function<bool(const LayerParams&)>;  // empty: always shown
  void addInt(const QString& label, const QString& tip, int lo, int hi, Getter get, Setter set,
              Visible visible = {});
  void addReal(const QString& label, const QString& tip, double lo, double hi, double step,
               int decimals, Getter get, Setter set,
               std::function<bool(const LayerParams&)> visible = {});
  void addBool(const QString& label, const QString& tip, Getter get, Setter set,
               Visible visible = {});
  void addPair(const QString& label, const QString& tip, int lo, int hi,
               std::array<int, 2> LayerParams::*field, Visible visible = {});
  // items: (text, enum value); the value is stored in the item's data, never the row index.
  void addCombo(const QString& label, const QString& tip,
                const std::vector<std::pair<QString, int>>& items, Getter get, Setter set,
                Visible visible = {});
  void addInit(const QString& label, const QString& tip, InitSpec LayerParams::*field);
  void addInputShape();
  // Pushes the edited params as one command (merge_key: the field).
  void apply(const LayerParams& params, const QString& what, int merge_key);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fitInfo();
  void rebuild();
  void refreshValues();
  void refreshSummary();
  void addRow(const QString& label, const QString& tip, QWidget* field,
              std::function<bool(const LayerParams&)> visible = {});
  const NodeSpec* node() const;

  ProjectDocument* doc_;
  int node_id_ = -1;
  QLabel* title_ = nullptr;
  QLabel* info_ = nullptr;
  QLabel* total_ = nullptr;
  QLineEdit* name_ = nullptr;
  QWidget* form_host_ = nullptr;
  QFormLayout* form_ = nullptr;
  int next_key_ = 0;
  // Re-read the node's params into the widgets (signals blocked), and row visibility.
  std::vector<std::function<void(const LayerParams&)>> refreshers_;
};

// Adds one row per parameter of the kind's descriptor (engine/graph/layer_descriptor.h).
void add_fields_for(Inspector& inspector, NodeKind kind);

}  // namespace bp::ui
