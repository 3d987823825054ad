#include "ui/training/training_panel.h"
#include "ui/widgets/scroll_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>

#include "engine/graph/names.h"
#include "engine/io/config_names.h"
#include "engine/optim/optimizer.h"
#include "engine/optim/optimizer_descriptor.h"
#include "engine/optim/schedule_descriptor.h"
#include "ui/document/commands/merge_id.h"
#include "ui/document/commands/set_train_config.h"
#include "ui/document/project_document.h"
#include "ui/training/backend_factory.h"
#include "ui/training/collapsible_section.h"

namespace bp::ui {
namespace {

QString name_of(LossKind kind) {
  return QString::fromStdString(to_string(kind));
}

// How far beyond its range a field lets the user type (so the panel can answer with a message
// instead of refusing the key silently).
double typing_limit(double hi) {
  return std::max(hi * 1000.0, 1e6);
}

}  // namespace

TrainingPanel::TrainingPanel(ProjectDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  QVBoxLayout* lay = make_scroll_panel(this);
  QWidget* inner = lay->parentWidget();
  scroll_ = findChild<QScrollArea*>();

  // A value typed beyond a field's range is not clamped silently: this line says so.
  range_message_ = new QLabel(inner);
  range_message_->setObjectName(QStringLiteral("RangeMessage"));
  range_message_->setWordWrap(true);
  range_message_->setStyleSheet(QStringLiteral("color: #b45309; font-weight: 600;"));
  range_message_->setVisible(false);
  lay->addWidget(range_message_);

  // --- the settings changed most often: first, and open ---
  QFormLayout* common = addGroup(lay, tr("Essentials"), true);
  std::vector<ComboItem> optimizers;
  for (const OptimizerDescriptor& d : optimizer_descriptors())
    optimizers.push_back({QString::fromUtf8(d.torch_name),
                          "<p>" + tr(d.summary) + "</p><pre>" +
                              QString::fromUtf8(d.equations).toHtmlEscaped() + "</pre>",
                          static_cast<int>(d.kind)});
  addCombo(
      common, "optimizer", tr("Optimizer"),
      tr("How the gradient turns into a weight update. Switching resets its "
         "hyperparameters to PyTorch's defaults."),
      optimizers, [](const TrainConfig& c) { return static_cast<int>(c.optimizer.kind); },
      [](TrainConfig& c, int v) {
        c.optimizer = default_optimizer_config(static_cast<OptimizerKind>(v));
      },
      &optimizer_);
  QFormLayout* opt = addGroup(lay, tr("Optimizer"), false);
  addOptimizerFields(common, opt);
  addInt(
      common, "batch_size", tr("Batch size"),
      tr("Samples per gradient step. Larger batches give smoother but fewer updates per epoch."), 1,
      1000000, [](const TrainConfig& c) { return c.batch_size; },
      [](TrainConfig& c, int v) { c.batch_size = v; });
  addInt(
      common, "epochs", tr("Epochs"), tr("Passes over the training set before training stops."), 1,
      1000000, [](const TrainConfig& c) { return c.epochs; },
      [](TrainConfig& c, int v) { c.epochs = v; });

  // --- schedule ---
  QFormLayout* sch = addGroup(lay, tr("Learning-rate schedule"), false);
  std::vector<ComboItem> schedules;
  for (const ScheduleDescriptor& d : schedule_descriptors())
    schedules.push_back(
        {d.kind == ScheduleKind::Constant ? tr("Constant") : QString::fromUtf8(d.torch_name),
         tr(d.summary) + "\n" + QString::fromUtf8(d.rule), static_cast<int>(d.kind)});
  addCombo(
      sch, "schedule", tr("Schedule"), tr("How the learning rate changes from epoch to epoch."),
      schedules, [](const TrainConfig& c) { return static_cast<int>(c.schedule.kind); },
      [](TrainConfig& c, int v) { c.schedule.kind = static_cast<ScheduleKind>(v); });
  addScheduleFields(sch);

  // --- regularization ---
  QFormLayout* reg = addGroup(lay, tr("Regularization"), false);
  addDouble(
      reg, "l1", tr("L1"),
      tr("Adds l1·Σ|w| to the loss: pushes weights to exactly zero (sparse networks)."), 0.0, 1.0,
      5, 1e-4, [](const TrainConfig& c) { return c.regularization.l1; },
      [](TrainConfig& c, double v) { c.regularization.l1 = static_cast<float>(v); });
  addDouble(
      reg, "l2", tr("L2"),
      tr("Adds l2/2·Σw² to the loss: keeps weights small and the boundary smooth."), 0.0, 1.0, 5,
      1e-4, [](const TrainConfig& c) { return c.regularization.l2; },
      [](TrainConfig& c, double v) { c.regularization.l2 = static_cast<float>(v); });
  addDouble(
      reg, "max_norm", tr("Max-norm"),
      tr("Rescales each neuron's incoming weight vector to at most this length (0: off)."), 0.0,
      100.0, 3, 0.5, [](const TrainConfig& c) { return c.regularization.max_norm; },
      [](TrainConfig& c, double v) { c.regularization.max_norm = static_cast<float>(v); });
  addDouble(
      reg, "clip_grad_norm", tr("Clip gradient norm"),
      tr("Scales the whole gradient down when its length exceeds this (0: off); tames "
         "exploding gradients."),
      0.0, 1000.0, 3, 0.5, [](const TrainConfig& c) { return c.regularization.clip_grad_norm; },
      [](TrainConfig& c, double v) { c.regularization.clip_grad_norm = static_cast<float>(v); });
  addDouble(
      reg, "clip_grad_value", tr("Clip gradient value"),
      tr("Clamps every gradient entry to ±this (0: off)."), 0.0, 1000.0, 3, 0.5,
      [](const TrainConfig& c) { return c.regularization.clip_grad_value; },
      [](TrainConfig& c, double v) { c.regularization.clip_grad_value = static_cast<float>(v); });
  addBool(
      reg, "early_stopping", tr("Early stopping"),
      tr("Stop when the validation loss has not improved for 'patience' epochs."),
      [](const TrainConfig& c) { return c.regularization.early_stopping.enabled; },
      [](TrainConfig& c, bool v) { c.regularization.early_stopping.enabled = v; });
  auto es = [](const TrainConfig& c) { return c.regularization.early_stopping.enabled; };
  addInt(
      reg, "es_patience", tr("Patience"),
      tr("Epochs without a better validation loss before training stops."), 1, 10000,
      [](const TrainConfig& c) { return c.regularization.early_stopping.patience; },
      [](TrainConfig& c, int v) { c.regularization.early_stopping.patience = v; }, es);
  addBool(
      reg, "restore_best", tr("Restore best weights"),
      tr("When stopping early, go back to the weights of the best validation epoch."),
      [](const TrainConfig& c) { return c.regularization.early_stopping.restore_best; },
      [](TrainConfig& c, bool v) { c.regularization.early_stopping.restore_best = v; }, es);

  // --- data and batches ---
  QFormLayout* data_form = addGroup(lay, tr("Data and batches"), false);
  summary_ = new QLabel(inner);
  summary_->setWordWrap(true);
  summary_->setToolTip(tr("The data the network trains on; change it in the Dataset panel."));
  data_form->addRow(summary_);
  addCombo(
      data_form, "loss", tr("Loss"),
      tr("The function training minimises: how far the outputs are from the targets."),
      {{name_of(LossKind::MSELoss),
        tr("Mean squared error: regression; punishes large errors strongly."),
        static_cast<int>(LossKind::MSELoss)},
       {name_of(LossKind::L1Loss), tr("Mean absolute error: regression; robust to outliers."),
        static_cast<int>(LossKind::L1Loss)},
       {name_of(LossKind::HuberLoss),
        tr("Squared near zero, absolute beyond delta: regression with some outliers."),
        static_cast<int>(LossKind::HuberLoss)},
       {name_of(LossKind::BCEWithLogitsLoss),
        tr("Sigmoid + binary cross-entropy on one logit per output: two classes."),
        static_cast<int>(LossKind::BCEWithLogitsLoss)},
       {name_of(LossKind::CrossEntropyLoss),
        tr("Softmax + negative log-likelihood over one logit per class: classification."),
        static_cast<int>(LossKind::CrossEntropyLoss)}},
      [](const TrainConfig& c) { return static_cast<int>(c.loss); },
      [](TrainConfig& c, int i) { c.loss = static_cast<LossKind>(i); });
  addDouble(
      data_form, "delta", tr("Huber delta"),
      tr("Where HuberLoss switches from squared to absolute error."), 1e-4, 1e4, 4, 0.1,
      [](const TrainConfig& c) { return c.loss_params.delta; },
      [](TrainConfig& c, double v) { c.loss_params.delta = static_cast<float>(v); },
      [](const TrainConfig& c) { return c.loss == LossKind::HuberLoss; });

  addCombo(
      data_form, "batch_preset", tr("Batch"),
      tr("How many samples each gradient step averages over."),
      {{tr("Stochastic (1)"), tr("One sample per step: noisy but frequent updates."), 0},
       {tr("Mini-batch"), tr("A few samples per step: the usual compromise."), 1},
       {tr("Full batch"),
        tr("The whole training set per step: exact gradient, one step per epoch."), 2}},
      [this](const TrainConfig& c) {
        return c.batch_size <= 1 ? 0 : c.batch_size >= estimatedTrainSize() ? 2 : 1;
      },
      [this](TrainConfig& c, int i) {
        c.batch_size = i == 0 ? 1 : i == 2 ? estimatedTrainSize() : 32;
      },
      &batch_preset_);

  // --- run ---
  QFormLayout* run = addGroup(lay, tr("Run"), false);
  addInt(
      run, "seed", tr("Seed"),
      tr("Seeds the initial weights, the shuffling and dropout: the same seed gives the same "
         "run."),
      0, 2147483647, [](const TrainConfig& c) { return static_cast<int>(c.seed); },
      [](TrainConfig& c, int v) { c.seed = static_cast<uint64_t>(v); });
  addInt(
      run, "threads", tr("Threads"),
      tr("CPU threads for the convolution layers: each takes part of the batch. Results never "
         "depend on it. One leaves a core for the window; two trained LeNet-5 about 13% faster "
         "on a 2-core machine."),
      1, 64, [](const TrainConfig& c) { return c.threads; },
      [](TrainConfig& c, int v) { c.threads = v; });
  backend_ = new QComboBox(this);
  for (BackendKind k : available_backends())
    backend_->addItem(backend_display_name(k), static_cast<int>(k));
  backend_->setToolTip(
      tr("Where the math runs. A GPU entry appears when a CUDA device and the "
         "GPU module are available."));
  connect(backend_, &QComboBox::currentIndexChanged, this, [this](int i) {
    emit backendChosen(static_cast<BackendKind>(backend_->itemData(i).toInt()));
  });
  run->addRow(tr("Backend"), backend_);
  lay->addStretch(1);

  connect(doc_, &ProjectDocument::trainConfigChanged, this, &TrainingPanel::reload);
  connect(doc_, &ProjectDocument::datasetSpecChanged, this, &TrainingPanel::reload);
  connect(doc_, &ProjectDocument::documentReset, this, &TrainingPanel::reload);
  reload();
}

QFormLayout* TrainingPanel::addGroup(QVBoxLayout* lay, const QString& title, bool expanded) {
  auto* section = new CollapsibleSection(title, expanded, lay->parentWidget());
  lay->addWidget(section);
  sections_.push_back(section);
  return section->form();
}

void TrainingPanel::guardWheel(QWidget* w) {
  // Wheel turns scroll the panel; a control changes on the wheel only once clicked into.
  w->setFocusPolicy(Qt::StrongFocus);
  w->installEventFilter(this);
}

bool TrainingPanel::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Wheel) {
    auto* w = qobject_cast<QWidget*>(watched);
    if (w && !w->hasFocus()) {
      if (scroll_) QCoreApplication::sendEvent(scroll_->viewport(), event);
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void TrainingPanel::showRangeMessage(const QString& text) {
  range_message_->setText(text);
  range_message_->setVisible(!text.isEmpty());
  if (!text.isEmpty()) {
    if (scroll_) scroll_->ensureWidgetVisible(range_message_);
    emit rangeMessage(text);
  }
}

QString TrainingPanel::rangeMessageText() const {
  return range_message_->isVisible() ? range_message_->text() : QString();
}

QStringList TrainingPanel::sectionTitles() const {
  QStringList titles;
  for (const CollapsibleSection* s : sections_) titles << s->title();
  return titles;
}

CollapsibleSection* TrainingPanel::section(const QString& title) const {
  for (CollapsibleSection* s : sections_)
    if (s->title() == title) return s;
  return nullptr;
}

void TrainingPanel::push(const QString& text, int merge_id, const Edit& edit) {
  if (loading_) return;
  TrainConfig c = doc_->trainConfig();
  edit(c);
  if (c == doc_->trainConfig()) return;
  doc_->undoStack()->push(new SetTrainConfig(doc_, c, text, merge_id));
}

void TrainingPanel::addDouble(QFormLayout* form, const QString& name, const QString& label,
                              const QString& tip, double lo, double hi, int decimals, double step,
                              std::function<double(const TrainConfig&)> get,
                              std::function<void(TrainConfig&, double)> set,
                              std::function<bool(const TrainConfig&)> visible) {
  auto* w = new QDoubleSpinBox(this);
  // The box takes values beyond `hi` so that one typed there can be answered with a message.
  w->setRange(lo, typing_limit(hi));
  w->setDecimals(decimals);
  w->setSingleStep(step);
  w->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
  w->setToolTip(tip);
  w->setKeyboardTracking(false);
  guardWheel(w);
  form->addRow(label, w);
  const int id = merge_id(MergeId::TrainingField, next_field_++);
  connect(w, &QDoubleSpinBox::valueChanged, this, [this, w, label, hi, id, set](double v) {
    if (v > hi) {
      showRangeMessage(tr("%1 %2 is above the largest value this field takes (%3); it was set "
                          "to %3. Values that large make training diverge.")
                           .arg(label, QLocale().toString(v), QLocale().toString(hi)));
      const QSignalBlocker block(w);
      w->setValue(hi);
      v = hi;
    } else if (!loading_ && v < hi) {  // (hi itself: the value just kept)
      showRangeMessage(QString());
    }
    push(tr("Set %1").arg(label), id, [&](TrainConfig& c) { set(c, v); });
  });
  fields_.push_back({name, form, w,
                     [w, get = std::move(get)](const TrainConfig& c) { w->setValue(get(c)); },
                     std::move(visible)});
}

void TrainingPanel::addInt(QFormLayout* form, const QString& name, const QString& label,
                           const QString& tip, int lo, int hi,
                           std::function<int(const TrainConfig&)> get,
                           std::function<void(TrainConfig&, int)> set,
                           std::function<bool(const TrainConfig&)> visible) {
  auto* w = new QSpinBox(this);
  w->setRange(lo, static_cast<int>(std::min<double>(typing_limit(hi), INT_MAX)));
  w->setToolTip(tip);
  w->setKeyboardTracking(false);
  guardWheel(w);
  form->addRow(label, w);
  const int id = merge_id(MergeId::TrainingField, next_field_++);
  connect(w, &QSpinBox::valueChanged, this, [this, w, label, hi, id, set](int v) {
    if (v > hi) {
      showRangeMessage(tr("%1 %2 is above the largest value this field takes (%3); it was set "
                          "to %3.")
                           .arg(label, QLocale().toString(v), QLocale().toString(hi)));
      const QSignalBlocker block(w);
      w->setValue(hi);
      v = hi;
    } else if (!loading_ && v < hi) {  // (hi itself: the value just kept)
      showRangeMessage(QString());
    }
    push(tr("Set %1").arg(label), id, [&](TrainConfig& c) { set(c, v); });
  });
  fields_.push_back({name, form, w,
                     [w, get = std::move(get)](const TrainConfig& c) { w->setValue(get(c)); },
                     std::move(visible)});
}

void TrainingPanel::addBool(QFormLayout* form, const QString& name, const QString& label,
                            const QString& tip, std::function<bool(const TrainConfig&)> get,
                            std::function<void(TrainConfig&, bool)> set,
                            std::function<bool(const TrainConfig&)> visible) {
  auto* w = new QCheckBox(this);
  w->setToolTip(tip);
  form->addRow(label, w);
  connect(w, &QCheckBox::toggled, this, [this, label, set](bool v) {
    push(tr("Set %1").arg(label), -1, [&](TrainConfig& c) { set(c, v); });
  });
  fields_.push_back({name, form, w,
                     [w, get = std::move(get)](const TrainConfig& c) { w->setChecked(get(c)); },
                     std::move(visible)});
}

void TrainingPanel::addCombo(QFormLayout* form, const QString& name, const QString& label,
                             const QString& tip, const std::vector<ComboItem>& items,
                             std::function<int(const TrainConfig&)> get,
                             std::function<void(TrainConfig&, int)> set, QComboBox** out) {
  auto* w = new QComboBox(this);
  for (const ComboItem& item : items) {
    w->addItem(item.text, item.value);
    w->setItemData(w->count() - 1, item.tip, Qt::ToolTipRole);
  }
  w->setToolTip(tip);
  guardWheel(w);
  form->addRow(label, w);
  connect(w, &QComboBox::currentIndexChanged, this, [this, w, label, set](int i) {
    if (i < 0) return;
    const int value = w->itemData(i).toInt();
    push(tr("Set %1").arg(label), -1, [&](TrainConfig& c) { set(c, value); });
  });
  fields_.push_back(
      {name, form, w,
       [w, get = std::move(get)](const TrainConfig& c) { w->setCurrentIndex(w->findData(get(c))); },
       nullptr});
  if (out) *out = w;
}

namespace {

// The rows of one hyperparameter table: a spin box or a check box per row, its value read and
// written through the row, visible when `shown` says the chosen kind reads it.
template <class Config, class Add>
void add_hyper_rows(const std::vector<const HyperParam<Config>*>& rows,
                    Config TrainConfig::*section, Add add) {
  for (const HyperParam<Config>* p : rows)
    add(
        *p, [p, section](const TrainConfig& c) { return p->get(c.*section); },
        [p, section](TrainConfig& c, double v) { p->set(c.*section, v); });
}

}  // namespace

void TrainingPanel::addOptimizerFields(QFormLayout* common, QFormLayout* form) {
  add_hyper_rows<OptimizerConfig>(
      union_of_params(optimizer_descriptors()), &TrainConfig::optimizer,
      [&](const HyperParam<OptimizerConfig>& p, auto get, auto set) {
        const QString name = QString::fromUtf8(p.name);
        // The learning rate is one of the essentials; the others open with their section.
        QFormLayout* target = name == QLatin1String("lr") ? common : form;
        std::function<bool(const TrainConfig&)> shown = [name = p.name](const TrainConfig& c) {
          return uses_hyperparameter(c.optimizer.kind, name);
        };
        addHyperRow(target, name, tr(p.label), tr(p.tooltip), p.is_bool(), p.is_int(), p.lo, p.hi,
                    p.decimals, p.step, get, set, shown);
      });
}

void TrainingPanel::addScheduleFields(QFormLayout* form) {
  const auto& all = schedule_descriptors();
  auto rows = union_of_params(all);
  for (const auto& w : warmup_params()) rows.push_back(&w);
  add_hyper_rows<ScheduleConfig>(
      rows, &TrainConfig::schedule, [&](const HyperParam<ScheduleConfig>& p, auto get, auto set) {
        std::function<bool(const TrainConfig&)> shown;  // warm-up rows: always
        bool per_kind = false;
        for (const auto& d : all)
          for (const auto& q : d.params) per_kind = per_kind || &q == &p;
        if (per_kind)
          shown = [name = p.name](const TrainConfig& c) {
            for (const auto& q : schedule_descriptor(c.schedule.kind).params)
              if (std::string_view(q.name) == name) return true;
            return false;
          };
        addHyperRow(form, QString::fromUtf8(p.name), tr(p.label), tr(p.tooltip), p.is_bool(),
                    p.is_int(), p.lo, p.hi, p.decimals, p.step, get, set, shown);
      });
}

void TrainingPanel::addHyperRow(QFormLayout* form, const QString& name, const QString& label,
                                const QString& tip, bool is_bool, bool is_int, double lo, double hi,
                                int decimals, double step,
                                std::function<double(const TrainConfig&)> get,
                                std::function<void(TrainConfig&, double)> set,
                                std::function<bool(const TrainConfig&)> visible) {
  if (is_bool)
    addBool(
        form, name, label, tip, [get](const TrainConfig& c) { return get(c) != 0.0; },
        [set](TrainConfig& c, bool v) { set(c, v ? 1.0 : 0.0); }, std::move(visible));
  else if (is_int)
    addInt(
        form, name, label, tip, static_cast<int>(lo), static_cast<int>(hi),
        [get](const TrainConfig& c) { return static_cast<int>(get(c)); },
        [set](TrainConfig& c, int v) { set(c, v); }, std::move(visible));
  else
    addDouble(form, name, label, tip, lo, hi, decimals, step, std::move(get), std::move(set),
              std::move(visible));
}

int TrainingPanel::estimatedTrainSize() const {
  const DatasetSpec& d = doc_->datasetSpec();
  if (d.source == DatasetSource::Toy)
    return std::max(1, static_cast<int>(std::ceil(d.samples * d.train_fraction)) +
                           static_cast<int>(d.extra_points.size()));
  if (d.max_train > 0) return d.max_train;
  return d.source == DatasetSource::MnistDigits ? 8000 : 60000;
}

void TrainingPanel::updateSummary() {
  const DatasetSpec& d = doc_->datasetSpec();
  QString what;
  switch (d.source) {
    case DatasetSource::Toy:
      what = tr("%1 toy data: %2 samples, noise %3")
                 .arg(QString::fromStdString(to_string(d.toy)))
                 .arg(d.samples)
                 .arg(d.noise, 0, 'f', 2);
      break;
    case DatasetSource::Csv:
      what = tr("CSV file %1").arg(QString::fromStdString(d.path));
      break;
    case DatasetSource::MnistDigits:
      what = tr("MNIST digits (10,000 real handwritten digits)");
      break;
    case DatasetSource::FashionMnist:
      what = tr("Fashion-MNIST (70,000 clothing images)");
      break;
    case DatasetSource::IdxFolder:
      what = tr("IDX folder %1").arg(QString::fromStdString(d.path));
      break;
    case DatasetSource::ImageFolder:
      what = tr("Image folder %1").arg(QString::fromStdString(d.path));
      break;
  }
  const double test = std::max(0.0, 1.0 - d.train_fraction - d.validation_fraction);
  summary_->setText(tr("%1.\nSplit: %2% train, %3% validation, %4% test.")
                        .arg(what)
                        .arg(qRound(100.0 * d.train_fraction))
                        .arg(qRound(100.0 * d.validation_fraction))
                        .arg(qRound(100.0 * test)));
}

void TrainingPanel::reload() {
  loading_ = true;
  const TrainConfig& c = doc_->trainConfig();
  for (Field& f : fields_) {
    {
      const QSignalBlocker block(f.widget);
      f.load(c);
    }
    if (f.visible) f.form->setRowVisible(f.widget, f.visible(c));
  }
  updateSummary();
  loading_ = false;
}

QWidget* TrainingPanel::field(const QString& name) const {
  for (const Field& f : fields_)
    if (f.name == name) return f.widget;
  return nullptr;
}

bool TrainingPanel::isFieldVisible(const QString& name) const {
  for (const Field& f : fields_)
    if (f.name == name) return !f.visible || f.visible(doc_->trainConfig());
  return false;
}

}  // namespace bp::ui
