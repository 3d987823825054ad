#include "ui/views/histogram_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace bp::ui {

std::vector<ParameterHistogram> make_histograms(const WeightMap& weights, int bins) {
  std::vector<ParameterHistogram> out;
  for (const auto& [name, values] : weights) {
    if (values.empty()) continue;
    ParameterHistogram h;
    h.name = QString::fromStdString(name);
    h.count = static_cast<int64_t>(values.size());
    const auto [mn, mx] = std::minmax_element(values.begin(), values.end());
    h.min = *mn;
    h.max = *mx;
    double sum = 0.0, sq = 0.0;
    for (float v : values) sum += v;
    h.mean = sum / static_cast<double>(h.count);
    for (float v : values) sq += (v - h.mean) * (v - h.mean);
    h.stddev = std::sqrt(sq / static_cast<double>(h.count));
    h.bins.assign(static_cast<size_t>(bins), 0);
    const double span = static_cast<double>(h.max) - h.min;
    for (float v : values) {
      const int b = span > 0.0 ? static_cast<int>((v - h.min) / span * bins) : bins / 2;
      ++h.bins[static_cast<size_t>(std::clamp(b, 0, bins - 1))];
    }
    out.push_back(std::move(h));
  }
  return out;
}

class HistogramCanvas : public QWidget {
 public:
  static constexpr int kPanelW = 220, kPanelH = 110, kGap = 10, kMargin = 8, kCaption = 30;

  explicit HistogramCanvas(QWidget* parent) : QWidget(parent) { setMouseTracking(true); }

  void setHistograms(std::vector<ParameterHistogram> h) {
    histograms_ = std::move(h);
    setMinimumHeight(contentHeight(width()));
    update();
  }
  const std::vector<ParameterHistogram>& histograms() const { return histograms_; }

 protected:
  void resizeEvent(QResizeEvent*) override { setMinimumHeight(contentHeight(width())); }

  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (histograms_.empty()) {
      p.setPen(palette().text().color());
      p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                 Qt::AlignCenter | Qt::TextWordWrap,
                 tr("Histograms of every weight and bias tensor appear here once a network is "
                    "built: watch their distributions change while it trains."));
      return;
    }
    const QColor bar = palette().highlight().color();
    for (size_t i = 0; i < histograms_.size(); ++i) {
      const ParameterHistogram& h = histograms_[i];
      const QRect panel = panelRect(static_cast<int>(i));
      p.setPen(palette().text().color());
      QFont bold = font();
      bold.setBold(true);
      p.setFont(bold);
      p.drawText(QRect(panel.left(), panel.top(), panel.width(), 14), Qt::AlignLeft,
                 QStringLiteral("%1 (%2)").arg(h.name).arg(h.count));
      p.setFont(font());
      p.drawText(QRect(panel.left(), panel.top() + 14, panel.width(), 14), Qt::AlignLeft,
                 tr("mean %1, sd %2").arg(h.mean, 0, 'g', 3).arg(h.stddev, 0, 'g', 3));
      const QRect plot = plotRect(panel);
      p.setPen(palette().mid().color());
      p.drawRect(plot.adjusted(0, 0, -1, -1));
      const int64_t peak = std::max<int64_t>(1, *std::max_element(h.bins.begin(), h.bins.end()));
      const int n = static_cast<int>(h.bins.size());
      for (int b = 0; b < n; ++b) {
        const int x0 = plot.left() + b * plot.width() / n,
                  x1 = plot.left() + (b + 1) * plot.width() / n;
        const int height = static_cast<int>(static_cast<double>(h.bins[static_cast<size_t>(b)]) /
                                            static_cast<double>(peak) * (plot.height() - 2));
        p.fillRect(QRect(x0, plot.bottom() - height, std::max(1, x1 - x0 - 1), height), bar);
      }
      p.setPen(palette().text().color());
      const int ty = plot.bottom() + 2;
      p.drawText(QRect(plot.left(), ty, plot.width(), 14), Qt::AlignLeft,
                 QString::number(h.min, 'g', 3));
      p.drawText(QRect(plot.left(), ty, plot.width(), 14), Qt::AlignRight,
                 QString::number(h.max, 'g', 3));
    }
  }

  bool event(QEvent* e) override {
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    auto* help = static_cast<QHelpEvent*>(e);
    for (size_t i = 0; i < histograms_.size(); ++i) {
      const QRect plot = plotRect(panelRect(static_cast<int>(i)));
      if (!plot.contains(help->pos())) continue;
      const ParameterHistogram& h = histograms_[i];
      const int n = static_cast<int>(h.bins.size());
      const int b = std::clamp((help->pos().x() - plot.left()) * n / plot.width(), 0, n - 1);
      const double w = (static_cast<double>(h.max) - h.min) / n;
      QToolTip::showText(help->globalPos(),
                         tr("%1: %2 values in [%3, %4)")
                             .arg(h.name)
                             .arg(h.bins[static_cast<size_t>(b)])
                             .arg(h.min + b * w, 0, 'g', 4)
                             .arg(h.min + (b + 1) * w, 0, 'g', 4),
                         this);
      return true;
    }
    QToolTip::hideText();
    e->ignore();
    return true;
  }

 private:
  int columns(int width) const { return std::max(1, (width - kMargin) / (kPanelW + kGap)); }
  int contentHeight(int width) const {
    const int rows = (static_cast<int>(histograms_.size()) + columns(width) - 1) / columns(width);
    return 2 * kMargin + rows * (kPanelH + kGap);
  }
  QRect panelRect(int i) const {
    const int c = columns(width());
    return {kMargin + (i % c) * (kPanelW + kGap), kMargin + (i / c) * (kPanelH + kGap), kPanelW,
            kPanelH};
  }
  static QRect plotRect(const QRect& panel) { return panel.adjusted(0, kCaption, 0, -16); }

  std::vector<ParameterHistogram> histograms_;
};

HistogramView::HistogramView(QWidget* parent)
    : QScrollArea(parent), canvas_(new HistogramCanvas(this)) {
  setWidget(canvas_);
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
}

void HistogramView::setSnapshot(const SnapshotPtr& snapshot) {
  last_ = snapshot;
  // Only while shown: a hidden tab does not pay for every weight at 15 snapshots a second.
  if (last_ && isVisible()) canvas_->setHistograms(make_histograms(last_->weights, kBins));
}

void HistogramView::showEvent(QShowEvent* e) {
  QScrollArea::showEvent(e);
  if (last_) canvas_->setHistograms(make_histograms(last_->weights, kBins));
}

const std::vector<ParameterHistogram>& HistogramView::histograms() const {
  return canvas_->histograms();
}

}  // namespace bp::ui
