#include "ui/compare/lr_sweep_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
#include <regex>

namespace bp::ui {
namespace {

// The label without its lr=... and seed=... settings: runs that differ only in lr share a line.
std::string line_key(const std::string& label) {
  static const std::regex lr(R"((^| )(lr|seed)=[^ ]*)");
  std::string s = std::regex_replace(label, lr, "");
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

}  // namespace

LrSweepView::LrSweepView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  split_ = new QComboBox;
  split_->addItems({tr("Final train loss"), tr("Final validation loss")});
  bar->addWidget(new QLabel(tr("Plot")));
  bar->addWidget(split_);
  bar->addStretch();
  layout->addLayout(bar);
  layout->addStretch();
  connect(split_, &QComboBox::currentIndexChanged, this, [this] { update(); });
  setMinimumSize(360, 260);
}

void LrSweepView::setCompareSnapshot(const CompareSnapshotPtr& snapshot) {
  snapshot_ = snapshot;
  update();
}

PlotSpec LrSweepView::plotSpec() const {
  PlotSpec spec;
  spec.x_label = tr("learning rate");
  spec.y_label = split_->currentIndex() == 0 ? tr("final train loss") : tr("final validation loss");
  spec.log_x = spec.log_y = true;
  if (!snapshot_) return spec;
  std::map<std::string, std::vector<std::pair<double, double>>> lines;
  std::vector<std::string> order;
  for (const CompareRunState& r : snapshot_->runs) {
    if (r.history.empty()) continue;
    const EpochRecord& e = r.history.back();
    const double loss =
        split_->currentIndex() == 0 || e.validation.samples == 0 ? e.train.loss : e.validation.loss;
    const std::string key = line_key(r.label);
    if (!lines.count(key)) order.push_back(key);
    lines[key].emplace_back(r.lr, loss);
  }
  int color = 0;
  for (const std::string& key : order) {
    auto& pts = lines[key];
    std::sort(pts.begin(), pts.end());
    PlotSeries s;
    s.name = key.empty() ? tr("final loss") : QString::fromStdString(key);
    s.color = run_color(color++);
    s.markers = true;
    for (const auto& [lr, loss] : pts) s.points.emplace_back(lr, loss);
    spec.series.push_back(std::move(s));
  }
  return spec;
}

void LrSweepView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const int top = split_->geometry().bottom() + 6;
  const QRectF area(0, top, width(), height() - top);
  if (!snapshot_) {
    p.drawText(area, Qt::AlignCenter,
               tr("Vary the learning rate (e.g. the sweep 1e-5 … 10) to see the LR range "
                  "picture"));
    return;
  }
  paint_plot(p, area, plotSpec());
}

}  // namespace bp::ui
