#include "ui/compare/compare_window.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "engine/compare/variation.h"
#include "ui/compare/compare_boundaries_view.h"
#include "ui/compare/compare_curves_view.h"
#include "ui/compare/compare_summary_view.h"
#include "ui/compare/landscape_view.h"
#include "ui/compare/lr_sweep_view.h"
#include "ui/compare/trajectory_view.h"
#include "ui/views/figure_button.h"

namespace bp::ui {
namespace {

// Values that make a first comparison of each variable instructive.
QString default_values(CompareVariable v) {
  switch (v) {
    case CompareVariable::Optimizer:
      return QStringLiteral(
          "SGD(lr=0.1), SGD(lr=0.1,momentum=0.9), SGD(lr=0.1,momentum=0.9,nesterov=true), "
          "Adagrad(lr=0.1), RMSprop(lr=0.01), Adam(lr=0.01)");
    case CompareVariable::LearningRate:
      return QStringLiteral("sweep");
    case CompareVariable::BatchSize:
      return QStringLiteral("1, 10, 100");
    case CompareVariable::Initializer:
      return QStringLiteral("default, xavier_uniform, kaiming_normal, zeros");
    case CompareVariable::Activation:
      return QStringLiteral("Tanh, ReLU, Sigmoid, GELU");
    case CompareVariable::WeightDecay:
    case CompareVariable::L1:
    case CompareVariable::L2:
      return QStringLiteral("0, 0.0001, 0.001, 0.01");
    case CompareVariable::MaxNorm:
    case CompareVariable::ClipGradNorm:
      return QStringLiteral("0, 0.5, 2");
    case CompareVariable::Dropout:
      return QStringLiteral("0, 0.2, 0.5");
    case CompareVariable::Momentum:
      return QStringLiteral("0, 0.5, 0.9, 0.99");
    case CompareVariable::Seed:
      return QStringLiteral("1, 2, 3");
  }
  return {};
}

}  // namespace

CompareWindow::CompareWindow(std::function<Project()> project, QWidget* parent)
    : QWidget(parent, Qt::Window), project_(std::move(project)) {
  setWindowTitle(tr("Compare lab — Backprop Studio"));
  setObjectName(QStringLiteral("CompareWindow"));
  controller_ = new CompareController(this);
  auto* layout = new QVBoxLayout(this);
  auto* setup = new QHBoxLayout;
  variable_ = new QComboBox;
  for (CompareVariable v : all_compare_variables())
    variable_->addItem(QString::fromStdString(compare_variable_name(v)), static_cast<int>(v));
  values_ = new QLineEdit;
  values_->setToolTip(
      tr("2 to 8 values separated by commas. Optimizers take their hyperparameters by torch's "
         "names: Adam(lr=0.01,beta2=0.99). lr: 'sweep' is 1e-5, 1e-4, …, 10."));
  variable2_ = new QComboBox;
  variable2_->addItem(tr("(nothing else)"), -1);
  for (CompareVariable v : all_compare_variables())
    variable2_->addItem(QString::fromStdString(compare_variable_name(v)), static_cast<int>(v));
  variable2_->setToolTip(tr("A second variable makes a grid: every combination of the values"));
  values2_ = new QLineEdit;
  values2_->setEnabled(false);
  seeds_ = new QSpinBox;
  seeds_->setRange(1, 8);
  seeds_->setPrefix(tr("seeds: "));
  seeds_->setToolTip(tr("Repeat each value with this many seeds: curves become mean ± std bands"));
  epochs_ = new QSpinBox;
  epochs_->setRange(1, 100000);
  epochs_->setPrefix(tr("epochs: "));
  start_from_ = new QComboBox;
  start_from_->addItem(tr("from initialization"), false);
  start_from_->addItem(tr("from current weights"), true);
  start_from_->setToolTip(
      tr("Where every run starts: the seed's initialization of the network, or the weights the "
         "project has now (after training: which setting finishes the job best from here)"));
  setup->addWidget(new QLabel(tr("Vary")));
  setup->addWidget(variable_);
  setup->addWidget(values_, 2);
  setup->addWidget(new QLabel(tr("×")));
  setup->addWidget(variable2_);
  setup->addWidget(values2_, 1);
  setup->addWidget(seeds_);
  setup->addWidget(epochs_);
  setup->addWidget(start_from_);
  layout->addLayout(setup);
  auto* controls = new QHBoxLayout;
  start_ = new QPushButton(tr("Start"));
  pause_ = new QPushButton(tr("Pause"));
  step_ = new QPushButton(tr("Step"));
  stop_ = new QPushButton(tr("Stop"));
  start_->setToolTip(tr("Train every run from the same initial weights and the same batches"));
  step_->setToolTip(tr("One mini-batch of every run"));
  for (QPushButton* b : {start_, pause_, step_, stop_}) controls->addWidget(b);
  message_ = new QLabel;
  message_->setWordWrap(true);
  controls->addWidget(message_, 1);
  layout->addLayout(controls);

  tabs_ = new QTabWidget;
  curves_ = new CompareCurvesView;
  boundaries_ = new CompareBoundariesView;
  summary_ = new CompareSummaryView;
  lr_sweep_ = new LrSweepView;
  landscape_ = new LandscapeView(controller_);
  trajectories_ = new TrajectoryView;
  tabs_->addTab(curves_, tr("Curves"));
  tabs_->addTab(boundaries_, tr("Boundaries"));
  tabs_->addTab(summary_, tr("Summary"));
  tabs_->addTab(lr_sweep_, tr("LR sweep"));
  tabs_->addTab(landscape_, tr("Landscape"));
  tabs_->addTab(trajectories_, tr("Test functions"));
  tabs_->setCornerWidget(make_tab_figure_button(tabs_, tr("Compare lab")), Qt::TopRightCorner);
  layout->addWidget(tabs_, 1);
  views_ = {curves_, boundaries_, summary_, lr_sweep_};

  connect(variable_, &QComboBox::currentIndexChanged, this, [this] { fillDefaultValues(); });
  connect(variable2_, &QComboBox::currentIndexChanged, this, [this] {
    const int v = variable2_->currentData().toInt();
    values2_->setEnabled(v >= 0);
    values2_->setText(v >= 0 ? default_values(static_cast<CompareVariable>(v)) : QString());
  });
  connect(start_, &QPushButton::clicked, this, [this] { start(); });
  connect(pause_, &QPushButton::clicked, this, [this] {
    if (controller_->state() == CompareController::State::Running)
      controller_->pause();
    else
      controller_->resume();
  });
  connect(step_, &QPushButton::clicked, controller_, &CompareController::step);
  connect(stop_, &QPushButton::clicked, controller_, &CompareController::stop);
  connect(controller_, &CompareController::stateChanged, this, &CompareWindow::onState);
  connect(controller_, &CompareController::stateChanged, this, [this](CompareController::State st) {
    if (st != CompareController::State::Running && latest_)
      for (CompareView* v : views_) v->setCompareSnapshot(latest_);
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this] {
    for (CompareView* v : views_)
      if (latest_ && dynamic_cast<QWidget*>(v) == tabs_->currentWidget())
        v->setCompareSnapshot(latest_);
  });
  connect(controller_, &CompareController::snapshotReady, this,
          [this](const CompareSnapshotPtr& s) {
            // The shown tab's view takes every snapshot; the hidden ones at most once a second (and
            // all of them when the runs stop, below): eight long histories redrawn in four views 30
            // times a second kept the GUI thread busy all the time.
            latest_ = s;
            const bool hidden_due = !hidden_refresh_.isValid() || hidden_refresh_.elapsed() >= 1000;
            for (CompareView* v : views_)
              if (hidden_due || s->finished || dynamic_cast<QWidget*>(v) == tabs_->currentWidget())
                v->setCompareSnapshot(s);
            if (hidden_due) hidden_refresh_.restart();
            int diverged = 0;
            for (const CompareRunState& r : s->runs) diverged += r.status == RunStatus::Diverged;
            double level = 1e300;
            for (const CompareRunState& r : s->runs)
              if (r.status == RunStatus::Running) level = std::min(level, r.progress);
            QString text = s->finished ? tr("%1 runs finished").arg(s->runs.size())
                                       : tr("%1 runs, epoch %2 of %3")
                                             .arg(s->runs.size())
                                             .arg(static_cast<int>(level))
                                             .arg(s->target_epochs);
            if (diverged) text += tr("; %1 diverged (stopped alone, marked ✕)").arg(diverged);
            message_->setText(text);
          });
  connect(controller_, &CompareController::failed, this,
          [this](const QString& m) { message_->setText(tr("Cannot compare: %1").arg(m)); });
  const Project p = project_();
  epochs_->setValue(std::min(p.training.epochs, 1000));
  fillDefaultValues();
  onState(CompareController::State::Idle);
  resize(1100, 780);
}

CompareWindow::~CompareWindow() = default;

void CompareWindow::fillDefaultValues() {
  values_->setText(default_values(static_cast<CompareVariable>(variable_->currentData().toInt())));
}

void CompareWindow::setVariable(CompareVariable v) {
  variable_->setCurrentIndex(variable_->findData(static_cast<int>(v)));
}
void CompareWindow::setValues(const QString& values) {
  values_->setText(values);
}
void CompareWindow::setSecondVariable(std::optional<CompareVariable> v, const QString& values) {
  variable2_->setCurrentIndex(variable2_->findData(v ? static_cast<int>(*v) : -1));
  if (v) values2_->setText(values);
}
void CompareWindow::setSeeds(int seeds) {
  seeds_->setValue(seeds);
}
void CompareWindow::setEpochs(int epochs) {
  epochs_->setValue(epochs);
}
void CompareWindow::setStartFromCurrentWeights(bool current) {
  start_from_->setCurrentIndex(current ? 1 : 0);
}
void CompareWindow::showTab(int index) {
  tabs_->setCurrentIndex(index);
  show();
  raise();
  activateWindow();
}

QString CompareWindow::message() const {
  return message_->text();
}

bool CompareWindow::start() {
  CompareJob job;
  job.project = project_();
  job.project.training.epochs = epochs_->value();
  job.seeds = seeds_->value();
  job.from_current_weights = start_from_->currentData().toBool();
  if (job.from_current_weights && job.project.weights.empty()) {
    message_->setText(
        tr("The project has no trained weights yet: train it first, or start from "
           "the initialization."));
    return false;
  }
  Variation v;
  v.variable = static_cast<CompareVariable>(variable_->currentData().toInt());
  for (const std::string& s : split_values(values_->text().toStdString()))
    if (!s.empty()) v.values.push_back(s);
  const bool sweep = v.values.size() == 1 && v.values[0] == "sweep";
  if (!sweep && (v.values.size() < 2 || v.values.size() > 8)) {
    message_->setText(
        tr("Give 2 to 8 values separated by commas (you gave %1).").arg(v.values.size()));
    return false;
  }
  job.variations = {v};
  if (const int second = variable2_->currentData().toInt(); second >= 0) {
    Variation w;
    w.variable = static_cast<CompareVariable>(second);
    for (const std::string& x : split_values(values2_->text().toStdString()))
      if (!x.empty()) w.values.push_back(x);
    const bool sweep2 = w.values.size() == 1 && w.values[0] == "sweep";
    if (!sweep2 && (w.values.size() < 2 || w.values.size() > 8)) {
      message_->setText(
          tr("Give the second variable 2 to 8 values too (you gave %1).").arg(w.values.size()));
      return false;
    }
    job.variations.push_back(w);
  }
  try {
    // Parse here so a typo is reported at once, before the worker starts.
    const auto runs =
        make_runs(job.project.network, job.project.training, job.variations, job.seeds);
    if (runs.size() > 16) {
      message_->setText(tr("That is %1 runs; the studio draws at most 16 (fewer values or "
                           "seeds; the command line takes up to 64).")
                            .arg(runs.size()));
      return false;
    }
  } catch (const std::exception& e) {
    message_->setText(QString::fromStdString(e.what()));
    return false;
  }
  message_->setText(tr("Starting…"));
  controller_->start(job);
  return true;
}

void CompareWindow::onState(CompareController::State s) {
  using State = CompareController::State;
  const bool active = s == State::Running || s == State::Paused;
  start_->setEnabled(!active);
  pause_->setEnabled(active);
  pause_->setText(s == State::Paused ? tr("Resume") : tr("Pause"));
  step_->setEnabled(active);
  stop_->setEnabled(active);
  variable_->setEnabled(!active);
  values_->setEnabled(!active);
  variable2_->setEnabled(!active);
  values2_->setEnabled(!active && variable2_->currentData().toInt() >= 0);
  seeds_->setEnabled(!active);
  epochs_->setEnabled(!active);
  start_from_->setEnabled(!active);
}

}  // namespace bp::ui
