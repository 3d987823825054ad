#include "ui/main_window/training_ui.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include "engine/data/extra_points.h"
#include "ui/data/dataset_panel.h"
#include "ui/document/commands/set_dataset_spec.h"
#include "ui/document/project_document.h"
#include "ui/editor/network_scene.h"
#include "ui/main_window/export_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/studio_host.h"
#include "ui/training/backend_factory.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/views/confusion_matrix_view.h"
#include "ui/views/decision_boundary_view.h"
#include "ui/views/drawing_pad_view.h"
#include "ui/views/feature_map_view.h"
#include "ui/views/health_view.h"
#include "ui/views/held_out_view.h"
#include "ui/views/histogram_view.h"
#include "ui/views/loss_chart.h"
#include "ui/views/neuron_view.h"
#include "ui/views/rewind_view.h"
#include "ui/widgets/message_banner.h"

namespace bp::ui {
namespace {

QIcon icon_or_null(const char* name) {
  const QString path = QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name));
  return QFile::exists(path) ? QIcon(path) : QIcon();
}

QString human_rate(double r) {
  if (r >= 1e6) return QStringLiteral("%1M").arg(r / 1e6, 0, 'f', 2);
  if (r >= 1e3) return QStringLiteral("%1k").arg(r / 1e3, 0, 'f', 1);
  return QString::number(r, 'f', 0);
}

}  // namespace

TrainingUi::TrainingUi(StudioHost* host, QObject* parent)
    : QObject(parent), host_(host), doc_(host->document()) {
  controller_ = new TrainingController(doc_, this);
  QWidget* win = host_->window();
  training_panel_ = new TrainingPanel(doc_, win);
  dataset_panel_ = new DatasetPanel(doc_, win);
  host_->addPanel(make_panel_dock(PanelId::Dataset, dataset_panel_, win), Qt::LeftDockWidgetArea);
  host_->addPanel(make_panel_dock(PanelId::Training, training_panel_, win),
                  Qt::RightDockWidgetArea);
  createViews();
  createActions();

  QStatusBar* bar = host_->studioStatusBar();
  epoch_label_ = new QLabel(bar);
  step_label_ = new QLabel(bar);
  rate_label_ = new QLabel(bar);
  backend_label_ = new QLabel(backend_display_name(controller_->backendKind()), bar);
  epoch_label_->setToolTip(tr("Completed passes over the training set."));
  step_label_->setToolTip(tr("Gradient steps (mini-batches) so far."));
  rate_label_->setToolTip(tr("Training throughput: samples processed per second."));
  backend_label_->setToolTip(tr("Where the math runs."));
  health_label_ = new QLabel(bar);
  health_label_->setToolTip(tr("Training health: open View > Health for the findings."));
  for (QLabel* l : {health_label_, epoch_label_, step_label_, rate_label_, backend_label_}) {
    l->setMinimumWidth(90);
    bar->addPermanentWidget(l);
  }
  epoch_label_->setText(tr("Epoch 0"));
  step_label_->setText(tr("Step 0"));

  connect(controller_, &TrainingController::snapshotReady, this, &TrainingUi::onSnapshot);
  connect(controller_, &TrainingController::stateChanged, this, &TrainingUi::updateActions);
  connect(controller_, &TrainingController::stateChanged, this,
          [this](TrainingController::State s) {
            if (s == TrainingController::State::Running) host_->trainingStarted();
          });
  connect(controller_, &TrainingController::message, this,
          [this](const QString& text) { host_->studioStatusBar()->showMessage(text, 15000); });
  // An edit that made the trained weights unusable says so (undo brings them back).
  connect(doc_, &ProjectDocument::weightsShelved, this,
          [this](const QString& text) { host_->studioStatusBar()->showMessage(text, 15000); });
  // Problems found while building show on the node they concern (an amber "?" badge).
  if (NetworkScene* scene = networkScene()) {
    connect(controller_, &TrainingController::previewFailed, scene,
            [scene](const QString& text) { scene->setBuildHint(text); });
    connect(controller_, &TrainingController::previewSucceeded, scene,
            [scene] { scene->setBuildHint(QString()); });
  }
  // What a learner must read goes to the message area too, in full and until closed.
  if (MessageBanner* area = host_->messageArea()) {
    connect(controller_, &TrainingController::failed, area, [area](const QString& text) {
      area->showMessage(MessageKind::Error, tr("Training failed: %1").arg(text));
    });
    connect(controller_, &TrainingController::diverged, area,
            [area](const QString& text) { area->showMessage(MessageKind::Warning, text); });
    connect(controller_, &TrainingController::notes, area,
            [area](const QString& text) { area->showMessage(MessageKind::Warning, text); });
    connect(
        controller_, &TrainingController::previewFailed, area, [this, area](const QString& text) {
          area->showMessage(
              MessageKind::Hint,
              tr("The network cannot be trained as it is yet: %1").arg(text) + hintNodeSuffix());
        });
    connect(doc_, &ProjectDocument::weightsShelved, area,
            [area](const QString& text) { area->showMessage(MessageKind::Warning, text); });
    connect(controller_, &TrainingController::previewSucceeded, area,
            [area] { area->clearKind(MessageKind::Hint); });
    connect(training_panel_, &TrainingPanel::rangeMessage, area,
            [area](const QString& text) { area->showMessage(MessageKind::Hint, text); });
  } else {
    connect(controller_, &TrainingController::previewFailed, this, [this](const QString& text) {
      host_->studioStatusBar()->showMessage(
          tr("The network cannot be trained as it is yet: %1").arg(text), 15000);
    });
  }
  connect(training_panel_, &TrainingPanel::backendChosen, this, [this](BackendKind k) {
    controller_->stop();
    controller_->setBackendKind(k);
    backend_label_->setText(backend_display_name(k));
  });

  preview_timer_ = new QTimer(this);
  preview_timer_->setSingleShot(true);
  preview_timer_->setInterval(150);
  connect(preview_timer_, &QTimer::timeout, this, [this] {
    if (!controller_->isActive() && doc_->shapes().ok() && !doc_->network().nodes.empty())
      controller_->preview();
  });
  connect(doc_, &ProjectDocument::networkChanged, this, &TrainingUi::schedulePreview);
  connect(doc_, &ProjectDocument::documentReset, this, &TrainingUi::schedulePreview);
  connect(doc_, &ProjectDocument::datasetSpecChanged, this, &TrainingUi::schedulePreview);
  connect(doc_, &ProjectDocument::trainConfigChanged, this, &TrainingUi::schedulePreview);
  wireViews();
  updateActions();
  schedulePreview();
}

TrainingUi::~TrainingUi() = default;

LossChart* TrainingUi::lossChart() const {
  return view<LossChart>();
}
DecisionBoundaryView* TrainingUi::boundaryView() const {
  return view<DecisionBoundaryView>();
}
NeuronView* TrainingUi::neuronView() const {
  return view<NeuronView>();
}
FeatureMapView* TrainingUi::featureMapView() const {
  return view<FeatureMapView>();
}
ConfusionMatrixView* TrainingUi::confusionView() const {
  return view<ConfusionMatrixView>();
}
HistogramView* TrainingUi::histogramView() const {
  return view<HistogramView>();
}

void TrainingUi::createViews() {
  QWidget* win = host_->window();
  QMenu* exports = host_->exportMenu();
  add_pytorch_export_action(exports, win, [this] { return doc_->project(); });
  add_figure_size_action(exports, win);
  // Figures go next to the project, titled with its name and the epoch shown.
  FigureContext figures;
  figures.folder = [this] {
    const QString path = doc_->filePath();
    return path.startsWith(QLatin1Char(':')) || path.isEmpty() ? QString()
                                                               : QFileInfo(path).absolutePath();
  };
  figures.subtitle = [this] {
    QString sub = QString::fromStdString(doc_->project().name);
    if (const SnapshotPtr s = controller_->lastSnapshot())
      sub += (sub.isEmpty() ? QString() : QStringLiteral(" · ")) + tr("epoch %1").arg(s->epoch);
    return sub;
  };
  // The report and the animation start from the run's latest weights and its epochs.
  add_report_actions(
      exports, win,
      [this] {
        ReportSource s{doc_->project(), controller_->history()};
        if (const SnapshotPtr snap = controller_->lastSnapshot();
            snap && !snap->weights.empty() && !s.history.empty())
          s.project.weights = snap->weights;
        return s;
      },
      figures.folder);
  for (const ViewRow& row : studio_views()) {
    SnapshotView* v = row.make(win);
    QDockWidget* d = make_view_dock(row, v->viewWidget(), win);
    host_->addPanel(d, dock_area(row.place.group));
    add_export_actions(exports, QCoreApplication::translate("StudioDocks", row.export_name),
                       QLatin1String(row.file_stem), v, figures);
    views_.push_back(v);
    view_docks_.push_back({d, row.place.show_for});
  }
}

// What some views take beside snapshots: whole epochs and history resets from the controller, the
// network's layout, points clicked onto the plane.
void TrainingUi::wireViews() {
  if (LossChart* curves = lossChart()) {
    connect(controller_, &TrainingController::epochFinished, curves, &LossChart::addEpoch);
    connect(controller_, &TrainingController::historyCleared, curves, &LossChart::clear);
  }
  if (DrawingPadView* pad = view<DrawingPadView>()) {
    auto network_changed = [this, pad] { pad->setNetwork(doc_->network()); };
    connect(doc_, &ProjectDocument::networkChanged, pad, network_changed);
    connect(doc_, &ProjectDocument::documentReset, pad, network_changed);
    network_changed();
  }
  // Held-out images: a confusion-matrix cell shows its samples; a picked image goes to the pad.
  auto raise = [](QWidget* w) {
    if (auto* dock = qobject_cast<QDockWidget*>(w->parentWidget())) {
      dock->show();
      dock->raise();
    }
  };
  if (HeldOutView* held_out = view<HeldOutView>()) {
    if (ConfusionMatrixView* confusion = confusionView())
      connect(confusion, &ConfusionMatrixView::cellClicked, held_out,
              [held_out, raise](int truth, int predicted) {
                held_out->showCell(truth, predicted);
                raise(held_out);
              });
    if (DrawingPadView* pad = view<DrawingPadView>())
      connect(held_out, &HeldOutView::imageChosen, pad,
              [pad, raise](const std::vector<uint8_t>& levels, int) {
                pad->setPixels(levels);
                raise(pad);
              });
  }
  if (RewindView* rewind = view<RewindView>())
    connect(rewind, &RewindView::continueFrom, controller_, &TrainingController::rewindTo);
  if (DecisionBoundaryView* boundary = boundaryView())
    connect(boundary, &DecisionBoundaryView::pointAdded, this, &TrainingUi::addPoint);
  if (NeuronView* neurons = neuronView()) {
    auto network_changed = [this, neurons] {
      neurons->setNetwork(doc_->network(), doc_->shapes());
    };
    connect(doc_, &ProjectDocument::networkChanged, neurons, network_changed);
    connect(doc_, &ProjectDocument::documentReset, neurons, network_changed);
    network_changed();
  }
}

void TrainingUi::createActions() {
  QToolBar* tb = host_->trainingToolBar();
  QWidget* win = host_->window();
  play_ = new QAction(icon_or_null("play"), tr("Play"), win);
  play_->setShortcut(Qt::Key_Space);
  play_->setShortcutContext(Qt::WindowShortcut);
  play_->setToolTip(tr("Start or pause training (Space)"));
  connect(play_, &QAction::triggered, this, [this] {
    if (controller_->state() == TrainingController::State::Running)
      controller_->pause();
    else
      controller_->start();
  });
  step_batch_ = new QAction(icon_or_null("step"), tr("Step batch"), win);
  step_batch_->setToolTip(tr("Train on one mini-batch, then pause: watch a single update."));
  connect(step_batch_, &QAction::triggered, controller_, &TrainingController::stepBatch);
  step_epoch_ = new QAction(icon_or_null("step_epoch"), tr("Step epoch"), win);
  step_epoch_->setToolTip(tr("Train to the end of the current epoch, then pause."));
  connect(step_epoch_, &QAction::triggered, controller_, &TrainingController::stepEpoch);
  stop_ = new QAction(icon_or_null("stop"), tr("Stop"), win);
  stop_->setToolTip(tr("End the run and keep the trained weights."));
  connect(stop_, &QAction::triggered, controller_, &TrainingController::stop);
  reset_ = new QAction(icon_or_null("reset"), tr("Reset"), win);
  reset_->setToolTip(tr("Start over from the initial weights of the seed (the same every time)."));
  connect(reset_, &QAction::triggered, controller_, &TrainingController::reset);
  for (QAction* a : {play_, step_batch_, step_epoch_, stop_, reset_}) {
    tb->addAction(a);
    win->addAction(a);
  }
  tb->addSeparator();
  auto* pace_caption = new QLabel(tr("Pace "), tb);
  pace_box_ = new QComboBox(tb);
  pace_box_->setObjectName(QStringLiteral("PaceBox"));
  pace_box_->setFocusPolicy(Qt::NoFocus);  // Space stays Play/Pause
  for (const Pace& p : pace_presets()) pace_box_->addItem(pace_label(p));
  const QString pace_tip =
      tr("How fast training steps: from one step per frame (follow a single update) to as fast as "
         "possible. Changes apply at once, also while training.");
  pace_caption->setToolTip(pace_tip);
  pace_box_->setToolTip(pace_tip);
  // The studio's pace: the one chosen last time, else slow enough to watch (the controller
  // alone runs as fast as it can).
  controller_->setPace(AppSettings().pace().value_or(default_pace()));
  const auto& presets = pace_presets();
  for (size_t i = 0; i < presets.size(); ++i)
    if (presets[i] == controller_->pace()) pace_box_->setCurrentIndex(static_cast<int>(i));
  connect(pace_box_, &QComboBox::currentIndexChanged, this, [this](int i) {
    const auto& all = pace_presets();
    if (i >= 0 && i < static_cast<int>(all.size()))
      controller_->setPace(all[static_cast<size_t>(i)]);
  });
  // Remembered only when the user picks it (not when a lesson or a test sets the box).
  connect(pace_box_, &QComboBox::activated, this, [](int i) {
    const auto& all = pace_presets();
    if (i >= 0 && i < static_cast<int>(all.size()))
      AppSettings().setPace(all[static_cast<size_t>(i)]);
  });
  tb->addWidget(pace_caption);
  tb->addWidget(pace_box_);
  tb->setToolButtonStyle(play_->icon().isNull() ? Qt::ToolButtonTextOnly
                                                : Qt::ToolButtonTextBesideIcon);
}

NetworkScene* TrainingUi::networkScene() const {
  auto* window = dynamic_cast<MainWindow*>(host_);
  return window ? window->networkScene() : nullptr;
}

QString TrainingUi::hintNodeSuffix() const {
  const NetworkScene* scene = networkScene();
  const NodeSpec* n = scene ? doc_->network().find(scene->buildHintNodeId()) : nullptr;
  return n ? tr(" (the ? badge on %1)").arg(QString::fromStdString(n->name)) : QString();
}

void TrainingUi::updateActions() {
  const auto s = controller_->state();
  const bool running = s == TrainingController::State::Running;
  play_->setText(running ? tr("Pause") : tr("Play"));
  const QIcon icon = icon_or_null(running ? "pause" : "play");
  if (!icon.isNull()) play_->setIcon(icon);
  step_batch_->setEnabled(!running);
  step_epoch_->setEnabled(!running);
  stop_->setEnabled(controller_->isActive());
  updateRateLabel();
}

void TrainingUi::updateRateLabel() {
  if (run_rate_ <= 0.0) {
    rate_label_->clear();
    return;
  }
  const QString rate = human_rate(run_rate_);
  rate_label_->setText(controller_->state() == TrainingController::State::Running
                           ? tr("%1 samples/s").arg(rate)
                           : tr("Last run: %1 samples/s").arg(rate));
}

void TrainingUi::requestInsights() {
  InsightRequest r;
  for (size_t i = 0; i < views_.size(); ++i)
    if (views_[i]->viewWidget()->isVisible()) r = r.merged(views_[i]->insights());
  controller_->setInsights(r);
}

void TrainingUi::keepInFront(const QList<QDockWidget*>& docks) {
  kept_in_front_.clear();
  for (QDockWidget* d : docks) kept_in_front_.append(d);
}

void TrainingUi::onSnapshot(const SnapshotPtr& s) {
  for (SnapshotView* v : views_) v->setSnapshot(s);
  requestInsights();
  const QString badge = health_badge_text(s->health.get());
  if (!badge.isEmpty()) {
    health_label_->setText(badge);
    const bool ok = s->health->active.empty();
    health_label_->setStyleSheet(ok ? QString()
                                    : QStringLiteral("color: #c8641e; font-weight: bold"));
    QString tip;
    for (const HealthFinding& f : s->health->active)
      tip += QString::fromStdString(f.message) + QLatin1Char('\n');
    health_label_->setToolTip(ok ? tr("Training health: nothing to report.") : tip.trimmed());
  }
  // Image networks have no neurons over a plane: show what the CNN sees instead (once per
  // switch, so the user's own choice of tab is kept while a run goes on).
  const ShowFor kind = s->feature_maps   ? ShowFor::ImageData
                       : s->curve_points ? ShowFor::CurveData
                                         : ShowFor::PlaneData;
  if (kind != showing_) {
    showing_ = kind;
    // Not over a panel a lesson put in front (its saliency view, its drawing pad): the first
    // snapshot of the lesson's project can arrive after the lesson raised them, and hid them.
    auto* main = qobject_cast<QMainWindow*>(host_->window());
    for (const auto& [dock, show_for] : view_docks_) {
      if (show_for != kind) continue;
      bool covers_kept = false;
      if (main)
        for (QDockWidget* other : main->tabifiedDockWidgets(dock))
          covers_kept = covers_kept || (other->isVisible() && kept_in_front_.contains(other));
      if (!covers_kept) dock->raise();
    }
  }
  dataset_panel_->setSnapshot(s);
  epoch_label_->setText(tr("Epoch %1").arg(s->epoch));
  step_label_->setText(tr("Step %1").arg(s->step));
  // The true rate of the run going on; idle, the last run's rate stays, labelled as such.
  if (s->samples_per_second > 0.0) run_rate_ = s->samples_per_second;
  updateRateLabel();
  if (!s->backend.empty()) {
    // "CPU (Eigen, 1 thread, AVX512, ...)": the short form in the bar, the rest in the tooltip.
    const QString full = QString::fromStdString(s->backend);
    const auto comma = full.indexOf(QLatin1Char(','));
    backend_label_->setText(comma > 0 ? full.left(comma) + QLatin1Char(')') : full);
    backend_label_->setToolTip(tr("Where the math runs: %1").arg(full));
  }
}

void TrainingUi::schedulePreview() {
  if (!controller_->isActive()) preview_timer_->start();
}

void TrainingUi::addPoint(float x, float y, float label) {
  // One undoable command; a running training takes the point without stopping.
  DatasetSpec spec = doc_->datasetSpec();
  const std::array<float, 3> point{x, y, label};
  const std::string problem = extra_point_problem(spec, point);
  if (!problem.empty()) {
    // E.g. a class chosen in the view just before the class count went down.
    host_->studioStatusBar()->showMessage(
        tr("The point was not added: %1.").arg(QString::fromStdString(problem)), 8000);
    return;
  }
  spec.extra_points.push_back(point);
  doc_->undoStack()->push(new SetDatasetSpec(doc_, spec, tr("Add data point")));
}

}  // namespace bp::ui

// The moc output stays in this object file, so linking a view does not pull in the trainer.
#include "moc_training_ui.cpp"  // NOLINT(bugprone-suspicious-include): moc in this object
