#include "ui/views/latent_view.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/views/class_colors.h"

namespace bp::ui {

LatentView::LatentView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 160);
}

void LatentView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || snapshot->latent == codes_) return;
  codes_ = snapshot->latent;
  update();
}

QString LatentView::csv() const {
  QString out = "x,y,class\n";
  if (!codes_) return out;
  for (size_t i = 0; i < codes_->labels.size(); ++i)
    out += QString("%1,%2,%3\n")
               .arg(codes_->xy[2 * i])
               .arg(codes_->xy[2 * i + 1])
               .arg(codes_->labels[i]);
  return out;
}

void LatentView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  p.setPen(palette().text().color());
  if (!codes_ || codes_->xy.empty()) {
    p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
               tr("The latent space appears when the network has a 2-unit bottleneck (a Linear "
                  "layer with 2 outputs before the last layer), e.g. an autoencoder."));
    return;
  }
  const auto& xy = codes_->xy;
  const size_t n = xy.size() / 2;
  float x0 = xy[0], x1 = xy[0], y0 = xy[1], y1 = xy[1];
  for (size_t i = 0; i < n; ++i) {
    x0 = std::min(x0, xy[2 * i]), x1 = std::max(x1, xy[2 * i]);
    y0 = std::min(y0, xy[2 * i + 1]), y1 = std::max(y1, xy[2 * i + 1]);
  }
  const float dx = std::max(x1 - x0, 1e-6f), dy = std::max(y1 - y0, 1e-6f);
  const int classes = std::max(codes_->num_classes, 1);
  const QFontMetrics fm(font());
  const int legend_w = fm.horizontalAdvance("00  ") + 14;
  const QRectF plot = QRectF(rect()).adjusted(10, 10 + fm.height(), -10 - legend_w, -10);
  p.drawText(QRectF(10, 4, width() - 20, fm.height()), Qt::AlignLeft,
             tr("Latent codes at '%1' (%2 held-out samples)")
                 .arg(QString::fromStdString(codes_->name))
                 .arg(n));
  p.setPen(QPen(palette().mid().color(), 1));
  p.drawRect(plot);
  const double r = std::clamp(std::min(plot.width(), plot.height()) / 120.0, 2.0, 6.0);
  p.setPen(Qt::NoPen);
  for (size_t i = 0; i < n; ++i) {
    const int c = codes_->labels[i];
    const QPointF at(plot.left() + (xy[2 * i] - x0) / dx * plot.width(),
                     plot.bottom() - (xy[2 * i + 1] - y0) / dy * plot.height());
    p.setBrush(c >= 0 ? class_color(c, classes) : palette().text().color());
    p.drawEllipse(at, r, r);
  }
  // legend: one swatch per class
  if (codes_->num_classes > 0) {
    const int lx = static_cast<int>(plot.right()) + 10;
    for (int c = 0; c < codes_->num_classes; ++c) {
      const int y = static_cast<int>(plot.top()) + c * (fm.height() + 2);
      p.setPen(Qt::NoPen);
      p.setBrush(class_color(c, classes));
      p.drawEllipse(QPointF(lx + 5, y + fm.height() / 2.0), 5, 5);
      p.setPen(palette().text().color());
      const QString name = c < static_cast<int>(codes_->class_names.size())
                               ? QString::fromStdString(codes_->class_names[size_t(c)])
                               : QString::number(c);
      p.drawText(QPointF(lx + 14, y + fm.ascent()), name);
    }
  }
}

}  // namespace bp::ui
