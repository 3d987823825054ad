#include "ui/views/gradient_flow_view.h"

#include <QComboBox>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace bp::ui {

GradientFlowView::GradientFlowView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  choice_ = new QComboBox(this);
  choice_->addItem(tr("Gradient norm per layer"));
  choice_->addItem(tr("Update / weight ratio per layer"));
  choice_->setToolTip(
      tr("Gradient norm: how strongly the loss pulls on each layer's weights. Update / weight: "
         "how much of itself a layer changes per step (about 0.001 is healthy)."));
  connect(choice_, &QComboBox::currentIndexChanged, this,
          [this](int i) { setQuantity(i == 0 ? Quantity::GradientNorm : Quantity::UpdateRatio); });
  layout->addWidget(choice_, 0, Qt::AlignLeft);
  layout->addStretch(1);
  setMinimumSize(200, 120);
}

InsightRequest GradientFlowView::insights() const {
  InsightRequest r;
  r.gradients = true;
  return r;
}

void GradientFlowView::setQuantity(Quantity q) {
  quantity_ = q;
  choice_->setCurrentIndex(q == Quantity::GradientNorm ? 0 : 1);
  update();
}

void GradientFlowView::clear() {
  order_.clear();
  series_.clear();
  last_step_ = -1;
  update();
}

size_t GradientFlowView::points() const {
  return order_.empty() ? 0 : series_.at(order_.front()).size();
}

void GradientFlowView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || !snapshot->gradients) return;
  const GradientSnapshot& g = *snapshot->gradients;
  if (g.step < last_step_) clear();  // a reset or a rewind: start the picture over
  if (g.step == last_step_) return;
  last_step_ = g.step;
  std::vector<std::string> names;
  for (const ParamGradient& p : g.params)
    if (p.is_weight()) names.push_back(p.name);
  if (names != order_) {
    order_ = names;
    std::map<std::string, std::vector<Point>> kept;
    for (const std::string& n : order_)
      if (series_.count(n)) kept[n] = std::move(series_[n]);
    series_ = std::move(kept);
  }
  for (const ParamGradient& p : g.params) {
    if (!p.is_weight()) continue;
    auto& s = series_[p.name];
    s.push_back({g.step, p.grad_norm, p.update_ratio});
    if (s.size() > kMaxPoints) {  // keep every other of the older half
      std::vector<Point> thin;
      for (size_t i = 0; i < s.size(); ++i)
        if (i >= s.size() / 2 || i % 2 == 0) thin.push_back(s[i]);
      s = std::move(thin);
    }
  }
  update();
}

QString GradientFlowView::csv() const {
  QString out = QStringLiteral("step");
  for (const std::string& n : order_) out += QLatin1Char(',') + QString::fromStdString(n);
  out += QLatin1Char('\n');
  if (order_.empty()) return out;
  const auto& first = series_.at(order_.front());
  for (size_t i = 0; i < first.size(); ++i) {
    out += QString::number(first[i].step);
    for (const std::string& n : order_) {
      const auto& s = series_.at(n);
      const double v =
          i < s.size() ? (quantity_ == Quantity::GradientNorm ? s[i].norm : s[i].ratio) : -1.0;
      out += QLatin1Char(',') + (v >= 0.0 ? QString::number(v, 'g', 9) : QString());
    }
    out += QLatin1Char('\n');
  }
  return out;
}

void GradientFlowView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  const QRect plot = rect().adjusted(56, choice_->geometry().bottom() + 10, -150, -28);
  p.setPen(palette().text().color());
  if (order_.empty()) {
    p.drawText(rect().adjusted(8, 40, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Train the network: each layer's gradient appears here as a line over the "
                  "steps. Lines that fall far apart mean vanishing (or exploding) gradients."));
    return;
  }
  const bool norm = quantity_ == Quantity::GradientNorm;
  double lo = 1e300, hi = 0.0;
  int64_t s0 = INT64_MAX, s1 = 0;
  for (const auto& [name, s] : series_)
    for (const Point& pt : s) {
      const double v = norm ? pt.norm : pt.ratio;
      s0 = std::min(s0, pt.step);
      s1 = std::max(s1, pt.step);
      if (v > 0.0) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (hi <= 0.0) lo = 1e-8, hi = 1.0;
  const double l0 = std::floor(std::log10(lo)), l1 = std::max(l0 + 1.0, std::ceil(std::log10(hi)));
  if (s1 <= s0) s1 = s0 + 1;
  auto xof = [&](int64_t step) {
    return plot.left() + plot.width() * double(step - s0) / double(s1 - s0);
  };
  auto yof = [&](double v) {
    return plot.bottom() - plot.height() * (std::log10(v) - l0) / (l1 - l0);
  };
  // axes: a grid line per decade
  QColor grid = palette().text().color();
  grid.setAlpha(40);
  const int decades = static_cast<int>(l1 - l0);
  const int every = std::max(1, decades / 8);
  for (int d = 0; d <= decades; d += every) {
    const double y = yof(std::pow(10.0, l0 + d));
    p.setPen(grid);
    p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    p.setPen(palette().text().color());
    p.drawText(QRectF(0, y - 8, plot.left() - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("1e%1").arg(static_cast<int>(l0) + d));
  }
  p.drawRect(plot);
  p.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 20), Qt::AlignLeft,
             tr("step %1").arg(s0));
  p.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), 20), Qt::AlignRight,
             tr("step %1").arg(s1));
  // lines: input side light, output side dark
  const int n = static_cast<int>(order_.size());
  for (int i = 0; i < n; ++i) {
    const auto& s = series_.at(order_[static_cast<size_t>(i)]);
    const float t = n > 1 ? static_cast<float>(i) / static_cast<float>(n - 1) : 1.0f;
    QColor c = QColor::fromHsvF(0.6f - 0.55f * t, 0.8f, 0.9f - 0.3f * t);
    p.setPen(QPen(c, 1.6));
    QPolygonF line;
    for (const Point& pt : s) {
      const double v = norm ? pt.norm : pt.ratio;
      if (v > 0.0) line << QPointF(xof(pt.step), yof(v));
    }
    if (line.size() == 1)
      p.drawEllipse(line.front(), 2.0, 2.0);
    else
      p.drawPolyline(line);
    const double y = plot.top() + 14.0 * i + 6.0;
    p.drawLine(QPointF(plot.right() + 8, y), QPointF(plot.right() + 24, y));
    p.setPen(palette().text().color());
    p.drawText(QPointF(plot.right() + 28, y + 4),
               QString::fromStdString(order_[static_cast<size_t>(i)]));
  }
}

}  // namespace bp::ui
