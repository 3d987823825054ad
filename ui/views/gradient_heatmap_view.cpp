#include "ui/views/gradient_heatmap_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "ui/views/class_colors.h"

namespace bp::ui {

GradientHeatmapView::GradientHeatmapView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 120);
  setMouseTracking(true);
}

InsightRequest GradientHeatmapView::insights() const {
  InsightRequest r;
  r.gradients = true;
  r.gradient_values = true;
  return r;
}

void GradientHeatmapView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || !snapshot->gradients) return;
  if (snapshot->gradients == gradients_) return;
  bool values = false;
  for (const ParamGradient& p : snapshot->gradients->params) values |= !p.grad.empty();
  if (!values) return;  // norms only (health): keep the last heatmap
  gradients_ = snapshot->gradients;
  snapshot_ = snapshot;
  update();
}

int GradientHeatmapView::panels() const {
  int n = 0;
  if (gradients_)
    for (const ParamGradient& p : gradients_->params) n += p.is_weight() && !p.grad.empty();
  return n;
}

QString GradientHeatmapView::csv() const {
  QString out = QStringLiteral("parameter,index,gradient\n");
  if (!gradients_) return out;
  for (const ParamGradient& p : gradients_->params)
    for (size_t i = 0; i < p.grad.size(); ++i)
      out += QStringLiteral("%1,%2,%3\n")
                 .arg(QString::fromStdString(p.name))
                 .arg(i)
                 .arg(p.grad[i], 0, 'g', 9);
  return out;
}

QString GradientHeatmapView::cellText(QPoint pos) const {
  for (const Cell& c : cells_)
    if (c.rect.contains(pos)) {
      const ParamGradient& p = gradients_->params.at(static_cast<size_t>(c.param));
      QString idx;
      int64_t rest = c.index;
      std::vector<int64_t> sub(p.shape.size());
      for (size_t d = p.shape.size(); d-- > 0;) {
        sub[d] = rest % p.shape[d];
        rest /= p.shape[d];
      }
      for (size_t d = 0; d < sub.size(); ++d)
        idx += (d ? QStringLiteral(", ") : QString()) + QString::number(sub[d]);
      return QStringLiteral("%1[%2]: gradient %3")
          .arg(QString::fromStdString(p.name), idx)
          .arg(p.grad.at(static_cast<size_t>(c.index)), 0, 'g', 4);
    }
  return {};
}

bool GradientHeatmapView::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* he = static_cast<QHelpEvent*>(e);
    const QString t = cellText(he->pos());
    if (t.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(he->globalPos(), t, this);
    return true;
  }
  return QWidget::event(e);
}

void GradientHeatmapView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  cells_.clear();
  p.setPen(palette().text().color());
  if (!gradients_ || panels() == 0) {
    p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Each layer's weight gradient of the current step appears here as a heatmap "
                  "once the network trains."));
    return;
  }
  const int n = panels();
  const double panel_w = std::max(120.0, (width() - 16.0) / std::min(n, 4));
  const int panel_rows = (n + 3) / 4;  // four panels a row; whole rows
  const double panel_h = std::max(110.0, (height() - 16.0) / panel_rows);
  int k = 0;
  for (size_t pi = 0; pi < gradients_->params.size(); ++pi) {
    const ParamGradient& g = gradients_->params[pi];
    if (!g.is_weight() || g.grad.empty()) continue;
    const int panel_row = k / 4, panel_col = k % 4;
    const QRectF box(8 + panel_col * panel_w, 8 + panel_row * panel_h, panel_w - 8, panel_h - 8);
    ++k;
    float peak = 0.0f;
    for (float v : g.grad) peak = std::max(peak, std::fabs(v));
    p.setPen(palette().text().color());
    p.drawText(box.adjusted(0, 0, 0, -(box.height() - 16)), Qt::AlignLeft,
               QStringLiteral("%1  |g| %2")
                   .arg(QString::fromStdString(g.name))
                   .arg(g.grad_norm, 0, 'g', 3));
    const QRectF area = box.adjusted(0, 18, 0, 0);
    auto color = [&](float v) { return diverging_color(peak > 0 ? 0.5f + 0.5f * v / peak : 0.5f); };
    if (g.shape.size() == 2) {  // (out, in)
      const int64_t rows = g.shape[0], cols = g.shape[1];
      const double cw = area.width() / static_cast<double>(cols);
      const double ch = std::min(area.height() / static_cast<double>(rows), std::max(cw, 1.0) * 4);
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) {
          const QRectF cell(area.left() + c * cw, area.top() + r * ch, cw, ch);
          const int64_t idx = r * cols + c;
          p.fillRect(cell, color(g.grad[static_cast<size_t>(idx)]));
          cells_.push_back({cell, static_cast<int>(pi), idx});
        }
    } else if (g.shape.size() == 4) {  // (out, in, kh, kw): kernel | gradient per row
      const int64_t outs = std::min<int64_t>(g.shape[0], kMaxKernels);
      const int64_t ins = std::min<int64_t>(g.shape[1], kMaxInputs);
      const int64_t kh = g.shape[2], kw = g.shape[3];
      const auto wit = snapshot_->weights.find(g.name);
      const std::vector<float>* w = wit == snapshot_->weights.end() ? nullptr : &wit->second;
      float wpeak = 0.0f;
      if (w)
        for (float v : *w) wpeak = std::max(wpeak, std::fabs(v));
      const double side = std::min(area.height() / static_cast<double>(outs),
                                   area.width() / (2.0 * static_cast<double>(ins) + 1.0));
      const double px = side / static_cast<double>(std::max(kh, kw) + 1);
      for (int64_t o = 0; o < outs; ++o)
        for (int64_t i = 0; i < ins; ++i)
          for (int64_t y = 0; y < kh; ++y)
            for (int64_t x = 0; x < kw; ++x) {
              const int64_t idx = ((o * g.shape[1] + i) * kh + y) * kw + x;
              const double top = area.top() + o * side + y * px;
              if (w) {
                const float v = (*w)[static_cast<size_t>(idx)];
                p.fillRect(QRectF(area.left() + i * side + x * px, top, px, px),
                           diverging_color(wpeak > 0 ? 0.5f + 0.5f * v / wpeak : 0.5f));
              }
              const QRectF cell(area.left() + (ins + 1 + i) * side + x * px, top, px, px);
              p.fillRect(cell, color(g.grad[static_cast<size_t>(idx)]));
              cells_.push_back({cell, static_cast<int>(pi), idx});
            }
    }
  }
}

}  // namespace bp::ui
