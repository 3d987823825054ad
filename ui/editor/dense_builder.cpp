#include "ui/editor/dense_builder.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include "engine/graph/names.h"
#include "ui/document/commands/edit_network.h"
#include "ui/document/project_document.h"
#include "ui/editor/dense_stack.h"

namespace bp::ui {
namespace {

QToolButton* small_button(const QString& text, const QString& tip, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setText(text);
  b->setToolTip(tip);
  b->setAutoRaise(false);
  b->setFocusPolicy(Qt::NoFocus);  // Space stays Play/Pause
  return b;
}

}  // namespace

DenseBuilder::DenseBuilder(ProjectDocument* doc, QWidget* parent)
    : QWidget(parent), doc_(doc), row_(new QHBoxLayout(this)) {
  setObjectName(QStringLiteral("DenseBuilder"));
  row_->setContentsMargins(8, 2, 8, 2);
  layers_label_ = new QLabel(this);
  remove_layer_ = small_button(QStringLiteral("−"), tr("Remove the last hidden layer"), this);
  add_layer_ = small_button(QStringLiteral("+"), tr("Add a hidden layer before the output"), this);
  activation_ = new QComboBox(this);
  activation_->setFocusPolicy(Qt::NoFocus);
  activation_->setToolTip(tr("One activation for every hidden layer"));
  for (Activation f : all_activations())
    if (f != Activation::Step)
      activation_->addItem(QString::fromStdString(to_string(f)), static_cast<int>(f));
  connect(remove_layer_, &QToolButton::clicked, this, &DenseBuilder::removeLayer);
  connect(add_layer_, &QToolButton::clicked, this, &DenseBuilder::addLayer);
  connect(activation_, &QComboBox::activated, this, [this](int i) {
    if (updating_ || i < 0) return;
    const auto f = static_cast<Activation>(activation_->itemData(i).toInt());
    push(with_hidden_activation(doc_->network(), f),
         tr("Hidden layers: %1").arg(activation_->itemText(i)));
  });
  connect(doc_, &ProjectDocument::networkChanged, this, &DenseBuilder::rebuild);
  connect(doc_, &ProjectDocument::documentReset, this, &DenseBuilder::rebuild);
  rebuild();
}

void DenseBuilder::push(const NetworkSpec& after, const QString& text) {
  if (after == doc_->network()) return;
  doc_->undoStack()->push(new EditNetwork(doc_, after, text));
}

void DenseBuilder::addLayer() {
  const auto chain = dense_chain(doc_->network());
  if (!chain) return;
  if (static_cast<int>(chain->hidden.size()) >= kMaxHiddenLayers) {
    emit message(tr("At most %1 hidden layers here; build deeper networks on the canvas.")
                     .arg(kMaxHiddenLayers));
    return;
  }
  push(add_hidden_layer(doc_->network()), tr("Add hidden layer"));
}

void DenseBuilder::removeLayer() {
  push(remove_hidden_layer(doc_->network()), tr("Remove hidden layer"));
}

void DenseBuilder::changeUnits(int index, int delta) {
  const auto chain = dense_chain(doc_->network());
  if (!chain || index < 0 || index >= static_cast<int>(chain->hidden.size())) return;
  const NodeSpec* n = doc_->network().find(chain->hidden[static_cast<size_t>(index)]);
  const int64_t units = n->params.out_features + delta;
  if (units > kMaxDenseUnits) {
    emit message(tr("At most %1 units per layer: wider layers cost memory and time without "
                    "showing more.")
                     .arg(kMaxDenseUnits));
    return;
  }
  if (units < 1) return;
  push(with_units(doc_->network(), n->id, units),
       tr("%1: %2 units").arg(QString::fromStdString(n->name)).arg(units));
}

void DenseBuilder::rebuild() {
  updating_ = true;
  for (QWidget* w : unit_widgets_) delete w;
  unit_widgets_.clear();
  while (row_->count() > 0) delete row_->takeAt(0);  // the layout items, not the widgets
  const auto chain = dense_chain(doc_->network());
  setVisible(chain.has_value());
  if (!chain) {
    updating_ = false;
    return;
  }
  const int hidden = static_cast<int>(chain->hidden.size());
  layers_label_->setText(tr("%n hidden layer(s)", nullptr, hidden));
  remove_layer_->setEnabled(hidden > 0);
  add_layer_->setEnabled(hidden < kMaxHiddenLayers);
  row_->addWidget(remove_layer_);
  row_->addWidget(add_layer_);
  row_->addWidget(layers_label_);
  for (int i = 0; i < hidden; ++i) {
    const NodeSpec* n = doc_->network().find(chain->hidden[static_cast<size_t>(i)]);
    auto* box = new QWidget(this);
    auto* h = new QHBoxLayout(box);
    h->setContentsMargins(10, 0, 0, 0);
    h->setSpacing(2);
    const QString name = QString::fromStdString(n->name);
    auto* minus = small_button(QStringLiteral("−"), tr("One unit less in %1").arg(name), box);
    auto* plus = small_button(QStringLiteral("+"), tr("One unit more in %1").arg(name), box);
    auto* label = new QLabel(QStringLiteral("%1: %2").arg(name).arg(n->params.out_features), box);
    minus->setEnabled(n->params.out_features > 1);
    connect(minus, &QToolButton::clicked, this, [this, i] { changeUnits(i, -1); });
    connect(plus, &QToolButton::clicked, this, [this, i] { changeUnits(i, +1); });
    h->addWidget(minus);
    h->addWidget(label);
    h->addWidget(plus);
    row_->addWidget(box);
    unit_widgets_.push_back(box);
  }
  row_->addStretch(1);
  auto* act_label = new QLabel(tr("Activation:"), this);
  unit_widgets_.push_back(act_label);
  row_->addWidget(act_label);
  row_->addWidget(activation_);
  activation_->setEnabled(hidden > 0);
  const auto f = hidden_activation(doc_->network());
  activation_->setCurrentIndex(f ? activation_->findData(static_cast<int>(*f)) : -1);
  updating_ = false;
}

}  // namespace bp::ui
