#include "ui/views/samples_grid.h"

#include <QPainter>
#include <algorithm>

#include "ui/views/sample_image.h"

namespace bp::ui {

SamplesGrid::SamplesGrid(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(60);
  setToolTip(tr("The first training samples with their labels (after resizing)."));
}

QSize SamplesGrid::sizeHint() const {
  return QSize(260, 260);
}

void SamplesGrid::setImages(std::shared_ptr<const SampleImages> images) {
  if (images == images_) return;
  images_ = std::move(images);
  tiles_.clear();
  if (images_) {
    const SampleImages& s = *images_;
    const size_t n = static_cast<size_t>(s.channels) * s.height * s.width;
    for (size_t k = 0; k < s.labels.size(); ++k) {
      // In the original colours when the normalization is known, else stretched per image.
      const QImage img = sample_image(s.pixels.data() + k * n, s.channels, s.height, s.width,
                                      s.input_mean, s.input_std);
      tiles_.push_back(img);
    }
  }
  update();
}

void SamplesGrid::paintEvent(QPaintEvent*) {
  QPainter g(this);
  g.fillRect(rect(), palette().base());
  if (tiles_.empty()) {
    g.setPen(palette().color(QPalette::PlaceholderText));
    g.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Image samples appear here once the data is loaded."));
    return;
  }
  const int cols = std::max(1, width() / 44);
  const int tile = std::max(16, width() / cols - 4);
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 0.75);
  g.setFont(f);
  for (size_t k = 0; k < tiles_.size(); ++k) {
    const int r = static_cast<int>(k) / cols, c = static_cast<int>(k) % cols;
    const QRect cell(c * (tile + 4) + 2, r * (tile + 16) + 2, tile, tile);
    if (cell.top() > height()) break;
    g.drawImage(cell, tiles_[k]);
    const int label = images_->labels[k];
    const QString name =
        label >= 0 && static_cast<size_t>(label) < images_->class_names.size()
            ? QString::fromStdString(images_->class_names[static_cast<size_t>(label)])
            : QString::number(label);
    g.setPen(palette().color(QPalette::Text));
    g.drawText(QRect(cell.left(), cell.bottom() + 1, tile, 14), Qt::AlignCenter, name);
  }
}

}  // namespace bp::ui
