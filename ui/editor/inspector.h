#pragma once
// Inspector: edits the selected node's parameters with validated widgets suited to its kind
// (units, activation and its parameter, initializers, kernel/stride/padding/dilation, p,
// eps/momentum/affine, input shape). Every edit is a SetNodeParams command; consecutive edits of
// one field merge (scrubbing a spin box is one undo step). With several layers of one kind
// selected, a field edits all of them at once (one SetManyNodeParams command). A value typed
// above a field's range is set to the largest allowed, with a message. Shows the network's
// parameter total.
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
  // The scene's selection: one node, several of one kind (edited together), or of several kinds
  // (nothing to edit; says so).
  void setNodes(const std::vector<int>& node_ids);
  int nodeId() const { return node_id_; }
  const std::vector<int>& nodeIds() const { return node_ids_; }
  // The out-of-range message shown now (empty when none).
  QString rangeMessageText() const;

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
  // Applies `edit` to the selected node's params (to every selected node's, when several are
  // selected) as one command (merge_key: the field).
  void apply(const std::function<void(LayerParams&)>& edit, const QString& what, int merge_key);

 signals:
  // A value was typed above a field's range (the text says which and what was kept).
  void message(QString text);

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
  void showRangeMessage(const QString& text);

  ProjectDocument* doc_;
  int node_id_ = -1;           // the node whose values the fields show
  std::vector<int> node_ids_;  // every selected node (edited together)
  bool mixed_kinds_ = false;   // the selection holds several kinds
  QLabel* range_message_ = nullptr;
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
