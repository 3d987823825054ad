#include "ui/views/distributions_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>

namespace bp::ui {

DistributionsView::DistributionsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout();
  role_box_ = new QComboBox(this);
  role_box_->addItem(tr("Activations"), static_cast<int>(TensorRole::Activation));
  role_box_->addItem(tr("Weights"), static_cast<int>(TensorRole::Weight));
  role_box_->addItem(tr("Gradients"), static_cast<int>(TensorRole::Gradient));
  name_box_ = new QComboBox(this);
  name_box_->setMinimumContentsLength(12);
  row->addWidget(role_box_);
  row->addWidget(name_box_);
  row->addStretch(1);
  layout->addLayout(row);
  layout->addStretch(1);
  connect(role_box_, &QComboBox::currentIndexChanged, this, [this] {
    role_ = static_cast<TensorRole>(role_box_->currentData().toInt());
    refillNames();
    update();
  });
  connect(name_box_, &QComboBox::currentTextChanged, this, [this](const QString& t) {
    if (!t.isEmpty()) name_ = t.toStdString();
    update();
  });
  setMinimumSize(200, 130);
}

InsightRequest DistributionsView::insights() const {
  InsightRequest r;
  r.distributions = true;
  return r;
}

std::vector<std::string> DistributionsView::names(TensorRole role) const {
  std::vector<std::string> out;
  for (const auto& [key, ridges] : series_)
    if (key.first == role) out.push_back(key.second);
  return out;
}

void DistributionsView::refillNames() {
  const QSignalBlocker block(name_box_);
  name_box_->clear();
  for (const std::string& n : names(role_)) name_box_->addItem(QString::fromStdString(n));
  const int i = name_box_->findText(QString::fromStdString(name_));
  name_box_->setCurrentIndex(std::max(i, 0));
  name_ = name_box_->currentText().toStdString();
}

void DistributionsView::show(TensorRole role, const std::string& name) {
  role_box_->setCurrentIndex(role_box_->findData(static_cast<int>(role)));
  role_ = role;
  name_ = name;
  refillNames();
  name_ = name;
  update();
}

const std::deque<DistributionsView::Ridge>* DistributionsView::shown() const {
  const auto it = series_.find({role_, name_});
  return it == series_.end() ? nullptr : &it->second;
}

size_t DistributionsView::ridges() const {
  const auto* s = shown();
  return s ? s->size() : 0;
}

void DistributionsView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || !snapshot->distributions) return;
  const Distributions& d = *snapshot->distributions;
  if (d.step < last_step_) series_.clear();
  if (d.step == last_step_ && !series_.empty()) return;
  last_step_ = d.step;
  const size_t before = series_.size();
  for (const LayerHistogram& h : d.layers) {
    auto& s = series_[{h.role, h.name}];
    s.push_back({d.step, h.histogram});
    while (s.size() > kMaxRidges) s.pop_front();
  }
  if (series_.size() != before || name_box_->count() == 0) refillNames();
  update();
}

QString DistributionsView::csv() const {
  QString out = QStringLiteral("step,lo,hi,counts...\n");
  if (const auto* s = shown())
    for (const Ridge& r : *s) {
      out += QStringLiteral("%1,%2,%3")
                 .arg(r.step)
                 .arg(r.histogram.lo, 0, 'g', 9)
                 .arg(r.histogram.hi, 0, 'g', 9);
      for (int64_t c : r.histogram.counts) out += QLatin1Char(',') + QString::number(c);
      out += QLatin1Char('\n');
    }
  return out;
}

void DistributionsView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  const QRect plot = rect().adjusted(60, role_box_->geometry().bottom() + 12, -16, -26);
  p.setPen(palette().text().color());
  const auto* s = shown();
  if (!s || s->empty()) {
    p.drawText(rect().adjusted(8, 40, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Histograms of each layer's activations, weights and gradients over time "
                  "appear here while the network trains."));
    return;
  }
  double lo = s->back().histogram.lo, hi = s->back().histogram.hi;
  for (const Ridge& r : *s) lo = std::min(lo, r.histogram.lo), hi = std::max(hi, r.histogram.hi);
  if (hi <= lo) hi = lo + 1.0;
  const int n = static_cast<int>(s->size());
  const double band = plot.height() / (n + 3.0);  // each ridge may rise 4 bands
  for (int k = 0; k < n; ++k) {
    const Ridge& r = (*s)[static_cast<size_t>(k)];
    int64_t peak = 1;
    for (int64_t c : r.histogram.counts) peak = std::max(peak, c);
    const double base = plot.top() + band * (k + 4);
    QPolygonF poly;
    poly << QPointF(plot.left() + plot.width() * (r.histogram.lo - lo) / (hi - lo), base);
    const int bins = static_cast<int>(r.histogram.counts.size());
    for (int b = 0; b < bins; ++b) {
      const double x = r.histogram.lo + (b + 0.5) * r.histogram.bin_width();
      poly << QPointF(plot.left() + plot.width() * (x - lo) / (hi - lo),
                      base - 4.0 * band *
                                 static_cast<double>(r.histogram.counts[static_cast<size_t>(b)]) /
                                 static_cast<double>(peak));
    }
    poly << QPointF(plot.left() + plot.width() * (r.histogram.hi - lo) / (hi - lo), base);
    const float t = n > 1 ? static_cast<float>(k) / static_cast<float>(n - 1) : 1.0f;
    QColor fill = QColor::fromHsvF(0.08f, 0.35f + 0.5f * t, 0.95f);
    fill.setAlphaF(0.35f + 0.6f * t);
    p.setBrush(fill);
    p.setPen(QPen(fill.darker(150), 1.0));
    p.drawPolygon(poly);
    if (k == 0 || k == n - 1 || k % 6 == 0) {
      p.setPen(palette().text().color());
      p.drawText(QRectF(0, base - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                 tr("step %1").arg(r.step));
    }
  }
  p.setPen(palette().text().color());
  p.drawText(QRectF(plot.left(), plot.bottom() + 6, plot.width(), 18), Qt::AlignLeft,
             QString::number(lo, 'g', 3));
  p.drawText(QRectF(plot.left(), plot.bottom() + 6, plot.width(), 18), Qt::AlignRight,
             QString::number(hi, 'g', 3));
  p.drawText(QRectF(plot.left(), plot.bottom() + 6, plot.width(), 18), Qt::AlignHCenter,
             QString::fromStdString(name_));
}

}  // namespace bp::ui
