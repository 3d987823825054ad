#include "ui/training/training_panel.h"
#include "ui/widgets/scroll_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "engine/optim/optimizer.h"
#include "ui/document/commands/merge_id.h"
#include "ui/document/commands/set_train_config.h"
#include "ui/document/project_document.h"
#include "ui/training/backend_factory.h"

namespace bp::ui {
namespace {

// torch.optim's defaults per optimizer.
OptimizerConfig torch_defaults(OptimizerKind kind) {
  return default_optimizer_config(kind);
}

using K = OptimizerKind;
bool is(const TrainConfig& c, std::initializer_list<K> kinds) {
  for (K k : kinds)
    if (c.optimizer.kind == k) return true;
  return false;
}
bool sched(const TrainConfig& c, ScheduleKind k) {
  return c.schedule.kind == k;
}

const char* kDatasetNames[] = {"circle",         "xor",          "gaussians",  "spiral",
                               "moons",          "checkerboard", "blobs",      "plane",
                               "gaussian bumps", "sine",         "polynomial", "step"};

}  // namespace

TrainingPanel::TrainingPanel(ProjectDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  QVBoxLayout* lay = make_scroll_panel(this);
  QWidget* inner = lay->parentWidget();

  summary_ = new QLabel(inner);
  summary_->setWordWrap(true);
  summary_->setToolTip(tr("The data the network trains on; change it in the Dataset panel."));
  QFormLayout* data_form = addGroup(lay, tr("Data"));
  data_form->addRow(summary_);

  // --- loss ---
  QFormLayout* loss = addGroup(lay, tr("Loss"));
  addCombo(
      loss, "loss", tr("Loss"),
      tr("The function training minimises: how far the outputs are from the targets."),
      {"MSELoss", "L1Loss", "HuberLoss", "BCEWithLogitsLoss", "CrossEntropyLoss"},
      {tr("Mean squared error: regression; punishes large errors strongly."),
       tr("Mean absolute error: regression; robust to outliers."),
       tr("Squared near zero, absolute beyond delta: regression with some outliers."),
       tr("Sigmoid + binary cross-entropy on one logit per output: two classes."),
       tr("Softmax + negative log-likelihood over one logit per class: classification.")},
      [](const TrainConfig& c) { return static_cast<int>(c.loss); },
      [](TrainConfig& c, int i) { c.loss = static_cast<LossKind>(i); });
  addDouble(
      loss, "delta", tr("Huber delta"),
      tr("Where HuberLoss switches from squared to absolute error."), 1e-4, 1e4, 4, 0.1,
      [](const TrainConfig& c) { return c.loss_params.delta; },
      [](TrainConfig& c, double v) { c.loss_params.delta = static_cast<float>(v); },
      [](const TrainConfig& c) { return c.loss == LossKind::HuberLoss; });

  // --- optimizer ---
  QFormLayout* opt = addGroup(lay, tr("Optimizer"));
  addCombo(
      opt, "optimizer", tr("Optimizer"),
      tr("How the gradient turns into a weight update. Switching resets its "
         "hyperparameters to PyTorch's defaults."),
      {"SGD", "Adagrad", "Adadelta", "RMSprop", "Adam", "AdamW", "NAdam", "LBFGS"},
      {tr("Stochastic gradient descent, optionally with (Nesterov) momentum."),
       tr("Per-weight rates that shrink with the sum of past squared gradients."),
       tr("Adagrad without a global rate: ratios of running averages."),
       tr("Divides by a running average of squared gradients (Hinton)."),
       tr("Momentum plus RMSprop scaling with bias correction (Kingma & Ba, 2014)."),
       tr("Adam with decoupled weight decay (Loshchilov & Hutter, 2019)."),
       tr("Adam with Nesterov momentum (Dozat, 2016)."),
       tr("Quasi-Newton method on the full batch; good for tiny problems.")},
      [](const TrainConfig& c) { return static_cast<int>(c.optimizer.kind); },
      [](TrainConfig& c, int i) { c.optimizer = torch_defaults(static_cast<K>(i)); }, &optimizer_);
  addDouble(
      opt, "lr", tr("Learning rate"),
      tr("Step size of each update. Too large diverges, too small crawls; it can be changed "
         "while training runs."),
      1e-6, 10.0, 6, 0.001, [](const TrainConfig& c) { return c.optimizer.lr; },
      [](TrainConfig& c, double v) { c.optimizer.lr = static_cast<float>(v); });
  addDouble(
      opt, "momentum", tr("Momentum"),
      tr("Keeps a running sum of past gradients (v = μv + g) so updates build up speed "
         "along consistent directions."),
      0.0, 0.999, 3, 0.05, [](const TrainConfig& c) { return c.optimizer.momentum; },
      [](TrainConfig& c, double v) { c.optimizer.momentum = static_cast<float>(v); },
      [](const TrainConfig& c) {
        return is(c, {K::SGD, K::RMSprop});
      });
  addDouble(
      opt, "dampening", tr("Dampening"),
      tr("Scales the new gradient's share in the momentum buffer: v = μv + (1 − d)g."), 0.0, 1.0, 3,
      0.05, [](const TrainConfig& c) { return c.optimizer.dampening; },
      [](TrainConfig& c, double v) { c.optimizer.dampening = static_cast<float>(v); },
      [](const TrainConfig& c) { return is(c, {K::SGD}); });
  addBool(
      opt, "nesterov", tr("Nesterov"),
      tr("Looks ahead along the momentum before taking the gradient step (needs momentum)."),
      [](const TrainConfig& c) { return c.optimizer.nesterov; },
      [](TrainConfig& c, bool v) { c.optimizer.nesterov = v; },
      [](const TrainConfig& c) { return is(c, {K::SGD}); });
  auto adam = [](const TrainConfig& c) { return is(c, {K::Adam, K::AdamW, K::NAdam}); };
  addDouble(
      opt, "beta1", tr("β1"), tr("Decay of the running average of gradients (the momentum term)."),
      0.0, 0.9999, 4, 0.01, [](const TrainConfig& c) { return c.optimizer.beta1; },
      [](TrainConfig& c, double v) { c.optimizer.beta1 = static_cast<float>(v); }, adam);
  addDouble(
      opt, "beta2", tr("β2"),
      tr("Decay of the running average of squared gradients (the per-weight scale)."), 0.0, 0.99999,
      5, 0.001, [](const TrainConfig& c) { return c.optimizer.beta2; },
      [](TrainConfig& c, double v) { c.optimizer.beta2 = static_cast<float>(v); }, adam);
  addDouble(
      opt, "eps", tr("ε"),
      tr("Added to the denominator for numerical stability (outside the square root, as in "
         "PyTorch)."),
      0.0, 1.0, 10, 1e-8, [](const TrainConfig& c) { return c.optimizer.eps; },
      [](TrainConfig& c, double v) { c.optimizer.eps = static_cast<float>(v); },
      [](const TrainConfig& c) {
        return !is(c, {K::SGD, K::LBFGS});
      });
  addBool(
      opt, "amsgrad", tr("AMSGrad"),
      tr("Uses the maximum of past squared-gradient averages so the step size never grows."),
      [](const TrainConfig& c) { return c.optimizer.amsgrad; },
      [](TrainConfig& c, bool v) { c.optimizer.amsgrad = v; },
      [](const TrainConfig& c) {
        return is(c, {K::Adam, K::AdamW});
      });
  addDouble(
      opt, "momentum_decay", tr("Momentum decay"),
      tr("NAdam's schedule for the momentum coefficient."), 0.0, 1.0, 4, 0.001,
      [](const TrainConfig& c) { return c.optimizer.momentum_decay; },
      [](TrainConfig& c, double v) { c.optimizer.momentum_decay = static_cast<float>(v); },
      [](const TrainConfig& c) { return is(c, {K::NAdam}); });
  addDouble(
      opt, "lr_decay", tr("LR decay"), tr("Adagrad: the rate shrinks as lr / (1 + (t − 1)·decay)."),
      0.0, 1.0, 5, 0.001, [](const TrainConfig& c) { return c.optimizer.lr_decay; },
      [](TrainConfig& c, double v) { c.optimizer.lr_decay = static_cast<float>(v); },
      [](const TrainConfig& c) { return is(c, {K::Adagrad}); });
  addDouble(
      opt, "initial_accumulator_value", tr("Initial accumulator"),
      tr("Adagrad's starting sum of squared gradients."), 0.0, 10.0, 4, 0.1,
      [](const TrainConfig& c) { return c.optimizer.initial_accumulator_value; },
      [](TrainConfig& c, double v) {
        c.optimizer.initial_accumulator_value = static_cast<float>(v);
      },
      [](const TrainConfig& c) { return is(c, {K::Adagrad}); });
  addDouble(
      opt, "rho", tr("ρ"), tr("Adadelta's decay of its running averages."), 0.0, 0.9999, 4, 0.01,
      [](const TrainConfig& c) { return c.optimizer.rho; },
      [](TrainConfig& c, double v) { c.optimizer.rho = static_cast<float>(v); },
      [](const TrainConfig& c) { return is(c, {K::Adadelta}); });
  addDouble(
      opt, "alpha", tr("α (smoothing)"),
      tr("RMSprop's decay of the running average of squared gradients."), 0.0, 0.9999, 4, 0.01,
      [](const TrainConfig& c) { return c.optimizer.alpha; },
      [](TrainConfig& c, double v) { c.optimizer.alpha = static_cast<float>(v); },
      [](const TrainConfig& c) { return is(c, {K::RMSprop}); });
  addBool(
      opt, "centered", tr("Centered"),
      tr("Normalises by the gradient's estimated variance instead of its raw second moment."),
      [](const TrainConfig& c) { return c.optimizer.centered; },
      [](TrainConfig& c, bool v) { c.optimizer.centered = v; },
      [](const TrainConfig& c) { return is(c, {K::RMSprop}); });
  addInt(
      opt, "max_iter", tr("Max iterations"), tr("L-BFGS iterations per optimizer step."), 1, 1000,
      [](const TrainConfig& c) { return c.optimizer.max_iter; },
      [](TrainConfig& c, int v) { c.optimizer.max_iter = v; },
      [](const TrainConfig& c) { return is(c, {K::LBFGS}); });
  addInt(
      opt, "history_size", tr("History size"),
      tr("How many past updates L-BFGS uses to approximate the curvature."), 1, 1000,
      [](const TrainConfig& c) { return c.optimizer.history_size; },
      [](TrainConfig& c, int v) { c.optimizer.history_size = v; },
      [](const TrainConfig& c) { return is(c, {K::LBFGS}); });
  addDouble(
      opt, "weight_decay", tr("Weight decay"),
      tr("Shrinks weights toward zero every step (L2-style; decoupled for AdamW)."), 0.0, 1.0, 5,
      1e-4, [](const TrainConfig& c) { return c.optimizer.weight_decay; },
      [](TrainConfig& c, double v) { c.optimizer.weight_decay = static_cast<float>(v); },
      [](const TrainConfig& c) { return !is(c, {K::LBFGS}); });

  // --- schedule ---
  QFormLayout* sch = addGroup(lay, tr("Learning-rate schedule"));
  addCombo(
      sch, "schedule", tr("Schedule"), tr("How the learning rate changes from epoch to epoch."),
      {tr("Constant"), "StepLR", "ExponentialLR", "CosineAnnealingLR", "ReduceLROnPlateau"},
      {tr("The same rate throughout."), tr("Multiply by γ every step_size epochs."),
       tr("Multiply by γ every epoch."), tr("Cosine curve from the rate down to η_min."),
       tr("Divide the rate when the validation loss stops improving.")},
      [](const TrainConfig& c) { return static_cast<int>(c.schedule.kind); },
      [](TrainConfig& c, int i) { c.schedule.kind = static_cast<ScheduleKind>(i); });
  addInt(
      sch, "step_size", tr("Step size"), tr("Epochs between two decays."), 1, 100000,
      [](const TrainConfig& c) { return c.schedule.step_size; },
      [](TrainConfig& c, int v) { c.schedule.step_size = v; },
      [](const TrainConfig& c) { return sched(c, ScheduleKind::StepLR); });
  addDouble(
      sch, "gamma", tr("γ"), tr("Factor the rate is multiplied by at each decay."), 0.0, 1.0, 4,
      0.01, [](const TrainConfig& c) { return c.schedule.gamma; },
      [](TrainConfig& c, double v) { c.schedule.gamma = static_cast<float>(v); },
      [](const TrainConfig& c) {
        return sched(c, ScheduleKind::StepLR) || sched(c, ScheduleKind::ExponentialLR);
      });
  addInt(
      sch, "T_max", tr("T_max"), tr("Epochs of one cosine half-period."), 1, 100000,
      [](const TrainConfig& c) { return c.schedule.T_max; },
      [](TrainConfig& c, int v) { c.schedule.T_max = v; },
      [](const TrainConfig& c) { return sched(c, ScheduleKind::CosineAnnealingLR); });
  addDouble(
      sch, "eta_min", tr("η_min"), tr("The lowest rate of the cosine schedule."), 0.0, 10.0, 6,
      1e-4, [](const TrainConfig& c) { return c.schedule.eta_min; },
      [](TrainConfig& c, double v) { c.schedule.eta_min = static_cast<float>(v); },
      [](const TrainConfig& c) { return sched(c, ScheduleKind::CosineAnnealingLR); });
  auto plateau = [](const TrainConfig& c) { return sched(c, ScheduleKind::ReduceLROnPlateau); };
  addDouble(
      sch, "factor", tr("Factor"), tr("The rate is multiplied by this on a plateau."), 0.0, 1.0, 3,
      0.05, [](const TrainConfig& c) { return c.schedule.factor; },
      [](TrainConfig& c, double v) { c.schedule.factor = static_cast<float>(v); }, plateau);
  addInt(
      sch, "patience", tr("Patience"), tr("Epochs without improvement before the rate is reduced."),
      0, 10000, [](const TrainConfig& c) { return c.schedule.patience; },
      [](TrainConfig& c, int v) { c.schedule.patience = v; }, plateau);
  addDouble(
      sch, "min_lr", tr("Minimum rate"), tr("The rate never drops below this."), 0.0, 10.0, 6, 1e-5,
      [](const TrainConfig& c) { return c.schedule.min_lr; },
      [](TrainConfig& c, double v) { c.schedule.min_lr = static_cast<float>(v); }, plateau);
  addInt(
      sch, "warmup_epochs", tr("Warm-up epochs"),
      tr("Ramp the rate up linearly over the first epochs (0: off); helps large rates start "
         "stably."),
      0, 10000, [](const TrainConfig& c) { return c.schedule.warmup_epochs; },
      [](TrainConfig& c, int v) { c.schedule.warmup_epochs = v; });

  // --- regularization ---
  QFormLayout* reg = addGroup(lay, tr("Regularization"));
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

  // --- run ---
  QFormLayout* run = addGroup(lay, tr("Run"));
  addCombo(
      run, "batch_preset", tr("Batch"), tr("How many samples each gradient step averages over."),
      {tr("Stochastic (1)"), tr("Mini-batch"), tr("Full batch")},
      {tr("One sample per step: noisy but frequent updates."),
       tr("A few samples per step: the usual compromise."),
       tr("The whole training set per step: exact gradient, one step per epoch.")},
      [this](const TrainConfig& c) {
        return c.batch_size <= 1 ? 0 : c.batch_size >= estimatedTrainSize() ? 2 : 1;
      },
      [this](TrainConfig& c, int i) {
        c.batch_size = i == 0 ? 1 : i == 2 ? estimatedTrainSize() : 32;
      },
      &batch_preset_);
  addInt(
      run, "batch_size", tr("Batch size"),
      tr("Samples per gradient step. Larger batches give smoother but fewer updates per epoch."), 1,
      1000000, [](const TrainConfig& c) { return c.batch_size; },
      [](TrainConfig& c, int v) { c.batch_size = v; });
  addInt(
      run, "epochs", tr("Epochs"), tr("Passes over the training set before training stops."), 1,
      1000000, [](const TrainConfig& c) { return c.epochs; },
      [](TrainConfig& c, int v) { c.epochs = v; });
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

QFormLayout* TrainingPanel::addGroup(QVBoxLayout* lay, const QString& title) {
  auto* box = new QGroupBox(title, this);
  auto* form = new QFormLayout(box);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
  lay->addWidget(box);
  return form;
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
  w->setRange(lo, hi);
  w->setDecimals(decimals);
  w->setSingleStep(step);
  w->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
  w->setToolTip(tip);
  w->setKeyboardTracking(false);
  form->addRow(label, w);
  const int id = merge_id(MergeId::TrainingField, next_field_++);
  connect(w, &QDoubleSpinBox::valueChanged, this, [this, label, id, set](double v) {
    push(tr("Set %1").arg(label), id, [&](TrainConfig& c) { set(c, v); });
  });
  fields_.push_back(
      {name, form, w, [w, get](const TrainConfig& c) { w->setValue(get(c)); }, std::move(visible)});
}

void TrainingPanel::addInt(QFormLayout* form, const QString& name, const QString& label,
                           const QString& tip, int lo, int hi,
                           std::function<int(const TrainConfig&)> get,
                           std::function<void(TrainConfig&, int)> set,
                           std::function<bool(const TrainConfig&)> visible) {
  auto* w = new QSpinBox(this);
  w->setRange(lo, hi);
  w->setToolTip(tip);
  w->setKeyboardTracking(false);
  form->addRow(label, w);
  const int id = merge_id(MergeId::TrainingField, next_field_++);
  connect(w, &QSpinBox::valueChanged, this, [this, label, id, set](int v) {
    push(tr("Set %1").arg(label), id, [&](TrainConfig& c) { set(c, v); });
  });
  fields_.push_back(
      {name, form, w, [w, get](const TrainConfig& c) { w->setValue(get(c)); }, std::move(visible)});
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
  fields_.push_back({name, form, w, [w, get](const TrainConfig& c) { w->setChecked(get(c)); },
                     std::move(visible)});
}

void TrainingPanel::addCombo(QFormLayout* form, const QString& name, const QString& label,
                             const QString& tip, const QStringList& items,
                             const QStringList& item_tips,
                             std::function<int(const TrainConfig&)> get,
                             std::function<void(TrainConfig&, int)> set, QComboBox** out) {
  auto* w = new QComboBox(this);
  w->addItems(items);
  for (int i = 0; i < item_tips.size() && i < items.size(); ++i)
    w->setItemData(i, item_tips[i], Qt::ToolTipRole);
  w->setToolTip(tip);
  form->addRow(label, w);
  connect(w, &QComboBox::currentIndexChanged, this, [this, label, set](int i) {
    push(tr("Set %1").arg(label), -1, [&](TrainConfig& c) { set(c, i); });
  });
  fields_.push_back(
      {name, form, w, [w, get](const TrainConfig& c) { w->setCurrentIndex(get(c)); }, nullptr});
  if (out) *out = w;
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
                 .arg(QString::fromLatin1(kDatasetNames[static_cast<int>(d.toy)]))
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
