#include "ui/editor/inspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

#include "engine/graph/names.h"
#include "ui/document/commands/merge_id.h"
#include "ui/document/commands/rename_node.h"
#include "ui/document/commands/set_many_node_params.h"
#include "ui/document/commands/set_node_params.h"
#include "ui/document/project_document.h"
#include "ui/editor/layer_catalog.h"

namespace bp::ui {

Inspector::Inspector(ProjectDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel(this);
  QFont f = title_->font();
  f.setBold(true);
  f.setPointSizeF(f.pointSizeF() * 1.15);
  title_->setFont(f);
  info_ = new QLabel(this);
  info_->setWordWrap(true);
  info_->setTextFormat(Qt::RichText);
  layout->addWidget(title_);
  layout->addWidget(info_);
  form_host_ = new QWidget(this);
  layout->addWidget(form_host_);
  range_message_ = new QLabel(this);
  range_message_->setObjectName(QStringLiteral("RangeMessage"));
  range_message_->setWordWrap(true);
  range_message_->setStyleSheet(QStringLiteral("color: #b45309; font-weight: 600;"));
  range_message_->setVisible(false);
  layout->addWidget(range_message_);
  layout->addStretch(1);
  total_ = new QLabel(this);
  total_->setToolTip(
      tr("Trainable parameters of the whole network: every weight and bias that "
         "gradient descent adjusts."));
  layout->addWidget(total_);
  connect(doc, &ProjectDocument::nodeParamsChanged, this, [this](int id) {
    if (id == node_id_) refreshValues();
  });
  connect(doc, &ProjectDocument::networkChanged, this, [this] {
    std::vector<int> alive;
    for (int id : node_ids_)
      if (doc_->network().find(id)) alive.push_back(id);
    if (alive != node_ids_)
      setNodes(alive);
    else
      refreshSummary();
  });
  connect(doc, &ProjectDocument::documentReset, this, [this] { setNode(-1); });
  setNode(-1);
}

const NodeSpec* Inspector::node() const {
  return doc_->network().find(node_id_);
}

void Inspector::setNode(int node_id) {
  setNodes(node_id < 0 ? std::vector<int>{} : std::vector<int>{node_id});
}

void Inspector::setNodes(const std::vector<int>& node_ids) {
  node_ids_ = node_ids;
  node_id_ = node_ids.empty() ? -1 : node_ids.front();
  mixed_kinds_ = false;
  for (int id : node_ids) {
    const NodeSpec* a = doc_->network().find(id);
    const NodeSpec* first = doc_->network().find(node_id_);
    if (!a || !first || a->kind != first->kind) mixed_kinds_ = true;
  }
  if (mixed_kinds_) node_id_ = -1;
  rebuild();
}

void Inspector::rebuild() {
  refreshers_.clear();
  delete form_host_->layout();
  for (QWidget* w : form_host_->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly))
    delete w;
  form_ = new QFormLayout(form_host_);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setContentsMargins(0, 6, 0, 0);
  name_ = nullptr;
  showRangeMessage(QString());
  const NodeSpec* n = node();
  if (!n) {
    title_->setText(mixed_kinds_
                        ? tr("%n layers selected", nullptr, static_cast<int>(node_ids_.size()))
                        : tr("Network"));
    refreshSummary();
    return;
  }
  if (node_ids_.size() > 1) {
    // Several layers of one kind: the fields edit all of them; names stay their own.
    add_fields_for(*this, n->kind);
    refreshValues();
    return;
  }
  name_ = new QLineEdit(form_host_);
  name_->setValidator(
      new QRegularExpressionValidator(QRegularExpression("[A-Za-z_][A-Za-z0-9_]*"), name_));
  connect(name_, &QLineEdit::editingFinished, this, [this] {
    const NodeSpec* cur = node();
    if (!cur || !name_) return;
    const std::string name = name_->text().trimmed().toStdString();
    if (name == cur->name) return;
    const QString why = RenameNode::validate(doc_, node_id_, name);
    if (!why.isEmpty()) {
      name_->setStyleSheet("color: #dc2626");
      name_->setToolTip(why);
      return;
    }
    name_->setStyleSheet(QString());
    doc_->undoStack()->push(new RenameNode(doc_, node_id_, name));
  });
  addRow(tr("Name"),
         tr("The node's name; its parameters are called \"<name>.weight\", \"<name>.bias\"."),
         name_);
  add_fields_for(*this, n->kind);
  refreshValues();
}

void Inspector::refreshValues() {
  const NodeSpec* n = node();
  if (!n) return;
  if (name_ && !name_->hasFocus()) {
    QSignalBlocker block(name_);
    name_->setText(QString::fromStdString(n->name));
  }
  for (auto& r : refreshers_) r(n->params);
  refreshSummary();
}

void Inspector::refreshSummary() {
  const auto& shapes = doc_->shapes();
  total_->setText(tr("Network: <b>%1</b> trainable parameters")
                      .arg(QLocale().toString(static_cast<qlonglong>(shapes.total_parameters))));
  const NodeSpec* n = node();
  if (mixed_kinds_) {
    info_->setText(
        tr("Layers of different kinds are selected. Select layers of one kind (Ctrl+click, or "
           "drag a box around them) to change a parameter on all of them at once."));
    fitInfo();
    return;
  }
  if (n && node_ids_.size() > 1) {
    title_->setText(tr("%n %1 layers", nullptr, static_cast<int>(node_ids_.size()))
                        .arg(QString::fromStdString(to_string(n->kind))));
    QStringList names;
    for (int id : node_ids_)
      if (const NodeSpec* m = doc_->network().find(id)) names << QString::fromStdString(m->name);
    info_->setText(tr("Editing %1 together: a change applies to every one of them (one undo "
                      "step). The fields show %2's values.")
                       .arg(names.join(", ").toHtmlEscaped(), names.value(0).toHtmlEscaped()));
    fitInfo();
    return;
  }
  if (!n) {
    info_->setText(shapes.ok() ? tr("Select a layer to edit it.")
                               : tr("<span style='color:#dc2626'>%n problem(s) in the network: "
                                    "see the red badges.</span>",
                                    nullptr, static_cast<int>(shapes.diagnostics.size())));
    return;
  }
  title_->setText(node_summary(*n));
  QString text;
  auto it = shapes.nodes.find(node_id_);
  if (it != shapes.nodes.end()) {
    text = tr("Output %1 · %2 parameters")
               .arg(it->second.output ? QString::fromStdString(it->second.output->to_string())
                                      : QStringLiteral("?"))
               .arg(QLocale().toString(static_cast<qlonglong>(it->second.parameter_count)));
  }
  for (const auto& m : shapes.messages_for(node_id_))
    text +=
        "<br><span style='color:#dc2626'>" + QString::fromStdString(m).toHtmlEscaped() + "</span>";
  info_->setText(text);
  fitInfo();
}

void Inspector::fitInfo() {
  // The dock's layout ignores height-for-width: give the wrapped label the height it needs.
  info_->setMinimumHeight(info_->heightForWidth(std::max(info_->width(), 160)));
}

void Inspector::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  fitInfo();
}

void Inspector::addRow(const QString& label, const QString& tip, QWidget* field,
                       std::function<bool(const LayerParams&)> visible) {
  auto* l = new QLabel(label, form_host_);
  l->setToolTip(tip);
  field->setToolTip(tip);
  form_->addRow(l, field);
  if (visible) {
    const int row = form_->rowCount() - 1;
    refreshers_.push_back([this, row, visible = std::move(visible)](const LayerParams& p) {
      form_->setRowVisible(row, visible(p));
    });
  }
}

void Inspector::apply(const std::function<void(LayerParams&)>& edit, const QString& what,
                      int merge_key) {
  const NodeSpec* n = node();
  if (!n) return;
  // Merge ids: one per field; the commands also require the same node(s) to merge.
  const int id = merge_id(MergeId::LayerParamField, merge_key);
  if (node_ids_.size() <= 1) {
    LayerParams params = n->params;
    edit(params);
    if (n->params == params) return;
    doc_->undoStack()->push(
        new SetNodeParams(doc_, node_id_, params,
                          tr("Change %1 of %2").arg(what, QString::fromStdString(n->name)), id));
    return;
  }
  // Several layers of one kind: the edited field changes on all of them, in one undo step; their
  // other parameters stay their own.
  std::vector<SetManyNodeParams::Change> changes;
  for (int node_id : node_ids_)
    if (const NodeSpec* other = doc_->network().find(node_id)) {
      LayerParams params = other->params;
      edit(params);
      if (!(params == other->params)) changes.push_back({node_id, params});
    }
  if (changes.empty()) return;
  doc_->undoStack()->push(new SetManyNodeParams(
      doc_, changes,
      tr("Change %1 of %n layers", nullptr, static_cast<int>(node_ids_.size())).arg(what), id));
}

void Inspector::showRangeMessage(const QString& text) {
  range_message_->setText(text);
  range_message_->setVisible(!text.isEmpty());
  if (!text.isEmpty()) emit message(text);
}

QString Inspector::rangeMessageText() const {
  return range_message_->isVisibleTo(this) ? range_message_->text() : QString();
}

void Inspector::addInt(const QString& label, const QString& tip, int lo, int hi, Getter get,
                       Setter set, Visible visible) {
  auto* spin = new QSpinBox(form_host_);
  // Values above `hi` can be typed, to be answered with a message rather than a refused key.
  spin->setRange(lo, hi >= INT_MAX / 100 ? INT_MAX : hi * 100);
  spin->setAccelerated(true);
  const int key = next_key_++;
  connect(spin, &QSpinBox::valueChanged, this, [=, this](int v) {
    if (!node()) return;
    if (v > hi) {
      showRangeMessage(tr("%1 %2 is more than this field takes (at most %3); it was set to %3. "
                          "Very wide layers need a lot of memory and train slowly.")
                           .arg(label, QLocale().toString(v), QLocale().toString(hi)));
      const QSignalBlocker block(spin);
      spin->setValue(hi);
      v = hi;
    } else if (v < hi) {  // (hi itself: the value just kept, the message stays)
      showRangeMessage(QString());
    }
    apply([&](LayerParams& p) { set(p, v); }, label, key);
  });
  refreshers_.push_back([spin, get = std::move(get)](const LayerParams& p) {
    QSignalBlocker block(spin);
    spin->setValue(static_cast<int>(get(p)));
  });
  addRow(label, tip, spin, std::move(visible));
}

void Inspector::addReal(const QString& label, const QString& tip, double lo, double hi, double step,
                        int decimals, Getter get, Setter set,
                        std::function<bool(const LayerParams&)> visible) {
  auto* spin = new QDoubleSpinBox(form_host_);
  spin->setRange(lo, hi > 0 ? hi * 100 : hi);
  spin->setSingleStep(step);
  spin->setDecimals(decimals);
  const int key = next_key_++;
  connect(spin, &QDoubleSpinBox::valueChanged, this, [=, this](double v) {
    if (!node()) return;
    if (v > hi) {
      showRangeMessage(tr("%1 %2 is more than this field takes (at most %3); it was set to %3.")
                           .arg(label, QLocale().toString(v), QLocale().toString(hi)));
      const QSignalBlocker block(spin);
      spin->setValue(hi);
      v = hi;
    } else if (v < hi) {  // (hi itself: the value just kept, the message stays)
      showRangeMessage(QString());
    }
    apply([&](LayerParams& p) { set(p, v); }, label, key);
  });
  refreshers_.push_back([spin, get = std::move(get)](const LayerParams& p) {
    QSignalBlocker block(spin);
    spin->setValue(get(p));
  });
  addRow(label, tip, spin, std::move(visible));
}

void Inspector::addBool(const QString& label, const QString& tip, Getter get, Setter set,
                        Visible visible) {
  auto* box = new QCheckBox(form_host_);
  const int key = next_key_++;
  connect(box, &QCheckBox::toggled, this, [=, this](bool on) {
    if (!node()) return;
    apply([&](LayerParams& p) { set(p, on ? 1.0 : 0.0); }, label, key);
  });
  refreshers_.push_back([box, get = std::move(get)](const LayerParams& p) {
    QSignalBlocker block(box);
    box->setChecked(get(p) != 0.0);
  });
  addRow(label, tip, box, std::move(visible));
}

void Inspector::addPair(const QString& label, const QString& tip, int lo, int hi,
                        std::array<int, 2> LayerParams::*field, Visible visible) {
  auto* host = new QWidget(form_host_);
  auto* row = new QHBoxLayout(host);
  row->setContentsMargins(0, 0, 0, 0);
  const int key = next_key_++;
  for (int i = 0; i < 2; ++i) {
    auto* spin = new QSpinBox(host);
    spin->setRange(lo, hi);
    spin->setPrefix(i == 0 ? tr("h ") : tr("w "));
    spin->setToolTip(tip);
    row->addWidget(spin);
    connect(spin, &QSpinBox::valueChanged, this, [=, this](int v) {
      if (!node()) return;
      apply([&](LayerParams& p) { (p.*field)[static_cast<size_t>(i)] = v; }, label, key);
    });
    refreshers_.push_back([spin, field, i](const LayerParams& p) {
      QSignalBlocker block(spin);
      spin->setValue((p.*field)[static_cast<size_t>(i)]);
    });
  }
  addRow(label, tip, host, std::move(visible));
}

void Inspector::addInputShape() {
  auto* edit = new QLineEdit(form_host_);
  edit->setPlaceholderText("2   or   1, 28, 28");
  edit->setValidator(
      new QRegularExpressionValidator(QRegularExpression(R"(\s*\d+\s*(,\s*\d+\s*){0,2})"), edit));
  const int key = next_key_++;
  connect(edit, &QLineEdit::editingFinished, this, [=, this] {
    if (!node()) return;
    std::vector<int64_t> dims;
    for (const QString& part : edit->text().split(',', Qt::SkipEmptyParts))
      dims.push_back(part.trimmed().toLongLong());
    Shape s;
    if (dims.size() == 1) s = Shape{dims[0]};
    if (dims.size() == 2) s = Shape{dims[0], dims[1]};
    if (dims.size() == 3) s = Shape{dims[0], dims[1], dims[2]};
    if (s.rank() == 0 || s.numel() <= 0) return;
    apply([&](LayerParams& p) { p.input_shape = s; }, tr("input shape"), key);
  });
  refreshers_.push_back([edit](const LayerParams& p) {
    QSignalBlocker block(edit);
    QStringList dims;
    for (int i = 0; i < p.input_shape.rank(); ++i) dims << QString::number(p.input_shape[i]);
    edit->setText(dims.join(", "));
  });
  addRow(tr("Shape"),
         tr("One sample's shape: (features) for vectors, (channels, height, width) for images. "
            "Must match the dataset."),
         edit);
}

}  // namespace bp::ui
