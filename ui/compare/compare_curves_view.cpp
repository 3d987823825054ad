#include "ui/compare/compare_curves_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "engine/compare/run_summary.h"

namespace bp::ui {

namespace {
constexpr size_t kMaxCurvePoints = 2000;
}  // namespace

QString run_legend(const CompareRunState& run) {
  QString s = QString::fromStdString(run.value.empty() ? run.label : run.value);
  if (run.status == RunStatus::Diverged) s += QObject::tr(" (diverged)");
  if (run.status == RunStatus::Failed) s += QObject::tr(" (failed)");
  return s;
}

CompareCurvesView::CompareCurvesView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  metric_ = new QComboBox;
  metric_->addItems({tr("Loss"), tr("Accuracy")});
  split_ = new QComboBox;
  split_->addItems({tr("Train"), tr("Validation")});
  split_->setCurrentIndex(1);
  log_ = new QCheckBox(tr("Log scale"));
  bar->addWidget(new QLabel(tr("Show")));
  bar->addWidget(metric_);
  bar->addWidget(split_);
  bar->addWidget(log_);
  bar->addStretch();
  layout->addLayout(bar);
  layout->addStretch();
  for (QComboBox* c : {metric_, split_})
    connect(c, &QComboBox::currentIndexChanged, this, [this] { update(); });
  connect(log_, &QCheckBox::toggled, this, [this] { update(); });
  setMinimumSize(360, 260);
}

void CompareCurvesView::setCompareSnapshot(const CompareSnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  update();
}

void CompareCurvesView::setMetric(Metric m) {
  metric_->setCurrentIndex(m == Metric::Loss ? 0 : 1);
}
void CompareCurvesView::setSplit(Split s) {
  split_->setCurrentIndex(s == Split::Train ? 0 : 1);
}
void CompareCurvesView::setLogScale(bool on) {
  log_->setChecked(on);
}

PlotSpec CompareCurvesView::plotSpec() const {
  PlotSpec spec;
  const bool loss = metric_->currentIndex() == 0;
  const bool train = split_->currentIndex() == 0;
  spec.x_label = tr("epoch");
  spec.y_label = QString("%1 %2").arg(train ? tr("train") : tr("validation"),
                                      loss ? tr("loss") : tr("accuracy"));
  spec.log_y = log_->isChecked();
  if (!snapshot_) return spec;
  auto value = [&](const EpochRecord& r) {
    const Metrics& m = train || r.validation.samples == 0 ? r.train : r.validation;
    return loss ? m.loss : (m.accuracy < 0 ? std::nan("") : m.accuracy);
  };
  if (snapshot_->seeds <= 1) {
    for (size_t i = 0; i < snapshot_->runs.size(); ++i) {
      const CompareRunState& r = snapshot_->runs[i];
      PlotSeries s;
      s.name = run_legend(r);
      s.color = run_color(static_cast<int>(i));
      // At most ~2,000 points a curve (a comparison left running for hours has 10^5 epochs):
      // every k-th epoch and always the last, so drawing stays cheap for the GUI thread.
      const size_t n = r.history.size(), stride = std::max<size_t>(1, n / kMaxCurvePoints);
      for (size_t k = 0; k < n; k += stride)
        s.points.emplace_back(r.history[k].epoch, value(r.history[k]));
      if (n > 0 && (n - 1) % stride != 0)
        s.points.emplace_back(r.history.back().epoch, value(r.history.back()));
      if (r.status == RunStatus::Diverged) s.mark = QStringLiteral("✕");
      spec.series.push_back(std::move(s));
    }
    return spec;
  }
  // several seeds: one band per configuration
  // The band is computed at the drawn epochs only (every stride-th), not over whole histories.
  std::map<int, std::vector<const CompareRunState*>> configs;
  for (const CompareRunState& r : snapshot_->runs) configs[r.config_index].push_back(&r);
  for (const auto& [index, runs] : configs) {
    size_t longest = 0;
    for (const CompareRunState* r : runs) longest = std::max(longest, r->history.size());
    const size_t stride = std::max<size_t>(1, longest / kMaxCurvePoints);
    std::vector<size_t> drawn;  // epoch indices
    for (size_t k = 0; k < longest; k += stride) drawn.push_back(k);
    if (longest > 0 && drawn.back() != longest - 1) drawn.push_back(longest - 1);
    std::vector<std::vector<double>> curves;  // per seed, at the drawn epochs it reached
    for (const CompareRunState* r : runs) {
      std::vector<double> c;
      for (size_t k : drawn)
        if (k < r->history.size()) c.push_back(value(r->history[k]));
      curves.push_back(std::move(c));
    }
    const Band band = mean_std_band(curves);
    PlotSeries s;
    s.name = QString::fromStdString(runs.front()->value) +
             tr(" (mean ± std of %1 seeds)").arg(runs.size());
    s.color = run_color(index);
    for (size_t j = 0; j < band.mean.size(); ++j) {
      s.points.emplace_back(static_cast<double>(drawn[j] + 1), band.mean[j]);
      s.band.push_back(band.std[j]);
    }
    spec.series.push_back(std::move(s));
  }
  return spec;
}

void CompareCurvesView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const int top = metric_->geometry().bottom() + 6;
  const QRectF area(0, top, width(), height() - top);
  if (!snapshot_) {
    p.fillRect(area, palette().base());
    p.drawText(area, Qt::AlignCenter, tr("Start a comparison to see its curves"));
    return;
  }
  paint_plot(p, area, plotSpec());
}

}  // namespace bp::ui
