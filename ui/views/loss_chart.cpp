#include "ui/views/loss_chart.h"

#include <QChart>
#include <QCheckBox>
#include <QCursor>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSplitter>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "ui/views/zoom_chart_view.h"

namespace bp::ui {
namespace {

constexpr double kLogFloor = 1e-6;

QLineSeries* make_series(const QString& name, const QColor& color, qreal width) {
  auto* s = new QLineSeries;
  s->setName(name);
  QPen pen(color);
  pen.setWidthF(width);
  s->setPen(pen);
  return s;
}

QChart* make_chart(const QString& title) {
  auto* c = new QChart;
  c->setToolTip(title);
  c->setMargins(QMargins(4, 4, 4, 4));
  c->legend()->setAlignment(Qt::AlignTop);
  QFont small = c->legend()->font();
  small.setPointSizeF(8.0);
  c->legend()->setFont(small);
  c->setAnimationOptions(QChart::NoAnimation);
  c->setBackgroundRoundness(0);
  return c;
}

// Min/max decimation: at most ~`budget` points, keeping every bucket's extremes so spikes show.
void decimate(const std::vector<QPointF>& in, int budget, bool log, std::vector<QPointF>& out) {
  out.clear();
  const size_t n = in.size();
  auto y_of = [log](double y) { return log ? std::max(y, kLogFloor) : y; };
  if (n <= static_cast<size_t>(budget)) {
    for (const QPointF& p : in) out.emplace_back(p.x(), y_of(p.y()));
    return;
  }
  const size_t buckets = static_cast<size_t>(budget / 2);
  for (size_t b = 0; b < buckets; ++b) {
    const size_t lo = b * n / buckets, hi = (b + 1) * n / buckets;
    if (lo >= hi) continue;
    size_t imin = lo, imax = lo;
    for (size_t i = lo; i < hi; ++i) {
      if (in[i].y() < in[imin].y()) imin = i;
      if (in[i].y() > in[imax].y()) imax = i;
    }
    const size_t a = std::min(imin, imax), c = std::max(imin, imax);
    out.emplace_back(in[a].x(), y_of(in[a].y()));
    if (c != a) out.emplace_back(in[c].x(), y_of(in[c].y()));
  }
}

// Ticks at 1, 2 or 5 x 10^k epochs, about five across the range, anchored at 0.
void set_epoch_ticks(QValueAxis* axis, double x_max) {
  const double raw = std::max(1e-9, x_max / 5.0);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double step = raw / mag < 1.5   ? mag
                      : raw / mag < 3.5 ? 2 * mag
                      : raw / mag < 7.5 ? 5 * mag
                                        : 10 * mag;
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0.0);
  axis->setTickInterval(step);
}

}  // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
  loss_chart_ = make_chart(tr("Loss"));
  acc_chart_ = make_chart(tr("Accuracy"));
  step_series_ = make_series(tr("train (per step, smoothed)"), QColor(120, 170, 220, 150), 1.0);
  train_series_ = make_series(tr("train"), QColor(31, 119, 180), 2.2);
  val_series_ = make_series(tr("validation"), QColor(255, 127, 14), 2.2);
  train_acc_series_ = make_series(tr("train"), QColor(31, 119, 180), 2.2);
  val_acc_series_ = make_series(tr("validation"), QColor(255, 127, 14), 2.2);
  loss_chart_->addSeries(step_series_);
  loss_chart_->addSeries(train_series_);
  loss_chart_->addSeries(val_series_);
  acc_chart_->addSeries(train_acc_series_);
  acc_chart_->addSeries(val_acc_series_);
  setupAxes(false);

  loss_view_ = new ZoomChartView(loss_chart_, this);
  acc_view_ = new ZoomChartView(acc_chart_, this);
  connect(loss_view_, &ZoomChartView::zoomReset, this, [this] { updateRanges(); });
  connect(acc_view_, &ZoomChartView::zoomReset, this, [this] { updateRanges(); });
  auto hover = [this](QLineSeries* s, const QString& what, bool acc) {
    connect(s, &QLineSeries::hovered, this,
            [this, what, acc](const QPointF& p, bool state) { showHover(what, p, state, acc); });
  };
  hover(train_series_, tr("train loss"), false);
  hover(val_series_, tr("validation loss"), false);
  hover(step_series_, tr("train loss (smoothed, per step)"), false);
  hover(train_acc_series_, tr("train accuracy"), true);
  hover(val_acc_series_, tr("validation accuracy"), true);

  log_box_ = new QCheckBox(tr("Log scale"), this);
  log_box_->setToolTip(
      tr("Show the loss on a logarithmic axis: late, small improvements become "
         "visible."));
  connect(log_box_, &QCheckBox::toggled, this, &LossChart::setLogScale);
  summary_ = new QLabel(this);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Wrapped: a long summary must not widen the dock (it squeezed the neuron view beside it and
  // pushed the window past a 1280x720 screen).
  summary_->setWordWrap(true);
  summary_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  auto* top = new QHBoxLayout;
  top->setContentsMargins(6, 2, 6, 0);
  top->addWidget(summary_, 1);
  top->addWidget(log_box_);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(loss_view_);
  split->addWidget(acc_view_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  // Small minimums: the curves share the bottom row with the neuron maps at 1280x720.
  loss_view_->setMinimumSize(180, 150);
  acc_view_->setMinimumSize(140, 150);
  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(0, 0, 0, 0);
  lay->setSpacing(2);
  lay->addLayout(top);
  lay->addWidget(split, 1);
  setToolTip(
      tr("Wheel: zoom. Left-drag: zoom to a rectangle. Right-drag: pan. Double-click: "
         "follow the data again."));

  timer_ = new QTimer(this);
  timer_->setInterval(33);
  connect(timer_, &QTimer::timeout, this, [this] {
    if (dirty_) refresh();
  });
  timer_->start();
  summary_->setText(tr("No training yet: press Play."));
}

void LossChart::setupAxes(bool log) {
  auto replace_axis = [](QChart* chart, QAbstractAxis*& axis, QAbstractAxis* next,
                         Qt::Alignment align) {
    if (axis) {
      for (QAbstractSeries* s : chart->series()) s->detachAxis(axis);
      chart->removeAxis(axis);
      delete axis;
    }
    axis = next;
    QFont f = axis->labelsFont();
    f.setPointSizeF(8.0);
    axis->setLabelsFont(f);
    axis->setTitleFont(f);
    chart->addAxis(axis, align);
    for (QAbstractSeries* s : chart->series()) s->attachAxis(axis);
  };
  if (!loss_x_) {
    auto* x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    x->setLabelFormat("%g");
    replace_axis(loss_chart_, loss_x_, x, Qt::AlignBottom);
    auto* ax = new QValueAxis;
    ax->setTitleText(tr("epoch"));
    ax->setLabelFormat("%g");
    replace_axis(acc_chart_, acc_x_, ax, Qt::AlignBottom);
    auto* ay = new QValueAxis;
    ay->setRange(0.0, 1.0);
    ay->setLabelFormat("%.2f");
    ay->setTitleText(tr("accuracy"));
    replace_axis(acc_chart_, acc_y_, ay, Qt::AlignLeft);
  }
  if (log) {
    auto* y = new QLogValueAxis;
    y->setBase(10.0);
    y->setLabelFormat("%g");
    y->setMinorTickCount(-1);
    y->setTitleText(tr("loss (log)"));
    replace_axis(loss_chart_, loss_y_, y, Qt::AlignLeft);
  } else {
    auto* y = new QValueAxis;
    y->setLabelFormat("%.3g");
    y->setTitleText(tr("loss"));
    replace_axis(loss_chart_, loss_y_, y, Qt::AlignLeft);
  }
  if (acc_chart_) applyPalette();  // new axes take the palette's colours
}

void LossChart::addEpoch(const EpochRecord& r) {
  const double x = r.epoch;
  train_loss_.emplace_back(x, r.train.loss);
  if (r.validation.samples > 0) val_loss_.emplace_back(x, r.validation.loss);
  if (r.train.accuracy >= 0.0) train_acc_.emplace_back(x, r.train.accuracy);
  if (r.validation.samples > 0 && r.validation.accuracy >= 0.0)
    val_acc_.emplace_back(x, r.validation.accuracy);
  QString text = tr("Epoch %1 — train loss %2").arg(r.epoch).arg(r.train.loss, 0, 'g', 4);
  if (r.validation.samples > 0)
    text += tr(", validation loss %1").arg(r.validation.loss, 0, 'g', 4);
  if (r.train.accuracy >= 0.0)
    text += tr(", train accuracy %1%").arg(100.0 * r.train.accuracy, 0, 'f', 1);
  if (r.validation.samples > 0 && r.validation.accuracy >= 0.0)
    text += tr(", validation %1%").arg(100.0 * r.validation.accuracy, 0, 'f', 1);
  summary_->setText(text);
  dirty_ = true;
}

void LossChart::addSnapshot(const TrainingSnapshot& s) {
  if (s.step_losses.empty()) return;
  const double per_epoch = static_cast<double>(std::max<int64_t>(1, s.steps_per_epoch));
  // Exponential moving average; the smoothing adapts to the epoch length.
  const double alpha = std::clamp(4.0 / per_epoch, 0.01, 0.3);
  for (size_t i = 0; i < s.step_losses.size(); ++i) {
    const double loss = s.step_losses[i];
    smoothed_ = has_smoothed_ ? (1.0 - alpha) * smoothed_ + alpha * loss : loss;
    has_smoothed_ = true;
    const double step = static_cast<double>(s.first_loss_step) + static_cast<double>(i);
    step_loss_.emplace_back(step / per_epoch, smoothed_);
  }
  if (step_loss_.size() > kMaxStepPoints + kMaxStepPoints / 5)
    step_loss_.erase(
        step_loss_.begin(),
        step_loss_.begin() + static_cast<std::ptrdiff_t>(step_loss_.size() - kMaxStepPoints));
  dirty_ = true;
}

void LossChart::clear() {
  train_loss_.clear();
  val_loss_.clear();
  step_loss_.clear();
  train_acc_.clear();
  val_acc_.clear();
  has_smoothed_ = false;
  summary_->setText(tr("No training yet: press Play."));
  refresh();
}

void LossChart::setFigureMode(bool on) {
  log_box_->setVisible(!on);
}

void LossChart::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) applyPalette();
}

void LossChart::applyPalette() {
  const QPalette pal = palette();
  for (QChart* chart : {loss_chart_, acc_chart_}) {
    chart->setBackgroundBrush(pal.base());
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(pal.text());
    chart->legend()->setLabelColor(pal.text().color());
    for (QAbstractAxis* axis : chart->axes()) {
      axis->setLabelsBrush(pal.text());
      axis->setTitleBrush(pal.text());
      axis->setLinePenColor(pal.mid().color());
      axis->setGridLineColor(pal.midlight().color());
    }
  }
}

void LossChart::setLogScale(bool on) {
  if (on == log_) return;
  log_ = on;
  log_box_->setChecked(on);
  setupAxes(on);
  refresh();
}

void LossChart::draw(QLineSeries* series, const std::vector<QPointF>& points) {
  decimate(points, kMaxDrawnPoints, false, scratch_);
  if (log_)
    for (QPointF& p : scratch_) p.setY(std::max(p.y(), kLogFloor));
  series->replace(QList<QPointF>(scratch_.begin(), scratch_.end()));
}

int LossChart::drawnStepCount() const {
  return static_cast<int>(step_series_->count());
}

void LossChart::refresh() {
  dirty_ = false;
  draw(train_series_, train_loss_);
  draw(val_series_, val_loss_);
  draw(step_series_, step_loss_);
  draw(train_acc_series_, train_acc_);
  draw(val_acc_series_, val_acc_);
  acc_view_->setVisible(!train_acc_.empty() || train_loss_.empty());
  updateRanges();
}

void LossChart::updateRanges() {
  double x_max = 1.0, y_min = 1e300, y_max = -1e300;
  for (const auto* v : {&train_loss_, &val_loss_, &step_loss_}) {
    if (v->empty()) continue;
    x_max = std::max(x_max, v->back().x());
    for (const QPointF& p : *v) {
      if (!std::isfinite(p.y())) continue;
      y_min = std::min(y_min, p.y());
      y_max = std::max(y_max, p.y());
    }
  }
  if (y_min > y_max) y_min = 0.0, y_max = 1.0;
  if (!loss_view_->userZoomed()) {
    loss_x_->setRange(0.0, x_max);
    if (log_) {
      loss_y_->setRange(std::max(y_min * 0.8, kLogFloor), std::max(y_max * 1.25, 1e-5));
    } else {
      const double pad = std::max(1e-6, 0.05 * (y_max - y_min));
      loss_y_->setRange(std::max(0.0, y_min - pad), y_max + pad);
      static_cast<QValueAxis*>(loss_y_)->applyNiceNumbers();
    }
    set_epoch_ticks(static_cast<QValueAxis*>(loss_x_), x_max);
  }
  if (!acc_view_->userZoomed()) {
    acc_x_->setRange(0.0, x_max);
    set_epoch_ticks(static_cast<QValueAxis*>(acc_x_), x_max);
    acc_y_->setRange(0.0, 1.0);
  }
}

void LossChart::showHover(const QString& what, const QPointF& p, bool state, bool is_accuracy) {
  if (!state) {
    QToolTip::hideText();
    return;
  }
  const QString value = is_accuracy ? QStringLiteral("%1%").arg(100.0 * p.y(), 0, 'f', 2)
                                    : QString::number(p.y(), 'g', 6);
  QToolTip::showText(QCursor::pos(),
                     tr("%1\nepoch %2: %3").arg(what).arg(p.x(), 0, 'f', 2).arg(value), this);
}

QString LossChart::epochCsv() const {
  QString out =
      QStringLiteral("epoch,train_loss,validation_loss,train_accuracy,validation_accuracy\n");
  // Each curve holds (epoch, value) points; rows are the epochs any curve has.
  std::vector<double> epochs;
  for (const auto* curve : {&train_loss_, &val_loss_, &train_acc_, &val_acc_})
    for (const QPointF& p : *curve) epochs.push_back(p.x());
  std::sort(epochs.begin(), epochs.end());
  epochs.erase(std::unique(epochs.begin(), epochs.end()), epochs.end());
  auto cell = [](const std::vector<QPointF>& curve, double epoch) {
    for (const QPointF& p : curve)
      if (p.x() == epoch) return QString::number(p.y(), 'g', 8);
    return QString();
  };
  for (const double e : epochs)
    out +=
        QStringLiteral("%1,%2,%3,%4,%5\n")
            .arg(e)
            .arg(cell(train_loss_, e), cell(val_loss_, e), cell(train_acc_, e), cell(val_acc_, e));
  return out;
}

}  // namespace bp::ui
