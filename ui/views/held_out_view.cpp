#include "ui/views/held_out_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "ui/views/sample_image.h"

namespace bp::ui {

std::vector<uint8_t> image_levels(const SampleImages& im, int index) {
  const int64_t plane = static_cast<int64_t>(im.height) * im.width;
  const float* px = im.pixels.data() + static_cast<size_t>(index) * im.channels * plane;
  const float mean = im.input_mean.empty() ? 0.0f : im.input_mean[0];
  const float sd = im.input_std.empty() ? 1.0f : im.input_std[0];
  std::vector<uint8_t> out(static_cast<size_t>(plane));
  for (int64_t i = 0; i < plane; ++i) {
    const float raw = px[i] * sd + mean;
    out[static_cast<size_t>(i)] =
        static_cast<uint8_t>(std::clamp(std::lround(raw * 255.0f), 0L, 255L));
  }
  return out;
}

HeldOutView::HeldOutView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout();
  mode_ = new QComboBox(this);
  mode_->addItem(tr("Most confidently wrong"));
  mode_->addItem(tr("Confusion-matrix cell"));
  mode_->addItem(tr("From index"));
  index_ = new QSpinBox(this);
  index_->setPrefix(tr("index "));
  index_->setRange(0, 0);
  row->addWidget(mode_);
  row->addWidget(index_);
  row->addStretch(1);
  layout->addLayout(row);
  layout->addStretch(1);
  connect(mode_, &QComboBox::activated, this, [this](int i) {
    if (i == 0) showConfidentlyWrong();
    if (i == 1) showCell(cell_truth_, cell_predicted_);
    if (i == 2) showFromIndex(index_->value());
  });
  connect(index_, &QSpinBox::valueChanged, this, [this](int v) { showFromIndex(v); });
  setMinimumSize(200, 140);
}

void HeldOutView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || !snapshot->confusion || !snapshot->confusion->images) return;
  if (snapshot->confusion == matrix_) return;
  matrix_ = snapshot->confusion;
  const QSignalBlocker block(index_);
  index_->setRange(0, static_cast<int>(matrix_->samples) - 1);
  refresh();
}

void HeldOutView::showConfidentlyWrong() {
  pick_ = Pick::ConfidentlyWrong;
  mode_->setCurrentIndex(0);
  refresh();
}

void HeldOutView::showCell(int truth, int predicted) {
  pick_ = Pick::Cell;
  cell_truth_ = truth;
  cell_predicted_ = predicted;
  mode_->setCurrentIndex(1);
  refresh();
}

void HeldOutView::showFromIndex(int index) {
  pick_ = Pick::FromIndex;
  mode_->setCurrentIndex(2);
  const QSignalBlocker block(index_);
  index_->setValue(index);
  refresh();
}

void HeldOutView::refresh() {
  shown_.clear();
  if (matrix_) {
    const int n = static_cast<int>(matrix_->truth.size());
    switch (pick_) {
      case Pick::ConfidentlyWrong: {
        for (int i = 0; i < n; ++i)
          if (matrix_->truth[static_cast<size_t>(i)] != matrix_->predicted[static_cast<size_t>(i)])
            shown_.push_back(i);
        std::stable_sort(shown_.begin(), shown_.end(), [&](int a, int b) {
          return matrix_->confidence[static_cast<size_t>(a)] >
                 matrix_->confidence[static_cast<size_t>(b)];
        });
        break;
      }
      case Pick::Cell:
        for (int i = 0; i < n; ++i)
          if (matrix_->truth[static_cast<size_t>(i)] == cell_truth_ &&
              matrix_->predicted[static_cast<size_t>(i)] == cell_predicted_)
            shown_.push_back(i);
        break;
      case Pick::FromIndex:
        for (int i = index_->value(); i < n && static_cast<int>(shown_.size()) < kShown; ++i)
          shown_.push_back(i);
        break;
    }
    if (static_cast<int>(shown_.size()) > kShown) shown_.resize(kShown);
  }
  update();
}

QRect HeldOutView::thumbRect(int k) const {
  const int side = 64, cap = 16, gap = 8;
  const int cols = std::max(1, (width() - gap) / (side + gap));
  const int top = mode_->geometry().bottom() + 10;
  return {gap + (k % cols) * (side + gap), top + (k / cols) * (side + cap + gap), side, side};
}

int HeldOutView::sampleAt(QPoint pos) const {
  for (int k = 0; k < static_cast<int>(shown_.size()); ++k)
    if (thumbRect(k).contains(pos)) return shown_[static_cast<size_t>(k)];
  return -1;
}

void HeldOutView::mousePressEvent(QMouseEvent* e) {
  const int i = sampleAt(e->position().toPoint());
  if (i >= 0 && matrix_ && matrix_->images) emit imageChosen(image_levels(*matrix_->images, i), i);
}

void HeldOutView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  p.setPen(palette().text().color());
  if (!matrix_ || shown_.empty()) {
    QString text = tr("Train an image classifier: its held-out images appear here.");
    if (matrix_ && pick_ == Pick::Cell)
      text = tr("No sample of true class %1 is predicted as %2.")
                 .arg(cell_truth_)
                 .arg(cell_predicted_);
    else if (matrix_ && pick_ == Pick::ConfidentlyWrong)
      text = tr("No held-out image is predicted wrong.");
    p.drawText(rect().adjusted(8, 40, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, text);
    return;
  }
  const SampleImages& im = *matrix_->images;
  auto name = [&](int c) {
    return c >= 0 && c < static_cast<int>(matrix_->class_names.size())
               ? QString::fromStdString(matrix_->class_names[static_cast<size_t>(c)])
               : QString::number(c);
  };
  for (int k = 0; k < static_cast<int>(shown_.size()); ++k) {
    const int i = shown_[static_cast<size_t>(k)];
    const QRect r = thumbRect(k);
    if (r.top() > height()) break;
    if (im.channels >= 3) {  // colour images in their original colours
      const int64_t n = static_cast<int64_t>(im.channels) * im.height * im.width;
      p.drawImage(r, sample_image(im.pixels.data() + i * n, im.channels, im.height, im.width,
                                  im.input_mean, im.input_std));
    } else {
      const std::vector<uint8_t> levels = image_levels(im, i);
      QImage img(im.width, im.height, QImage::Format_Grayscale8);
      for (int y = 0; y < im.height; ++y)
        std::copy_n(levels.data() + static_cast<size_t>(y) * im.width, im.width, img.scanLine(y));
      p.drawImage(r, img);
    }
    const bool wrong =
        matrix_->truth[static_cast<size_t>(i)] != matrix_->predicted[static_cast<size_t>(i)];
    p.setPen(wrong ? QColor(200, 60, 40) : palette().text().color());
    p.drawText(QRect(r.left() - 4, r.bottom() + 1, r.width() + 8, 15), Qt::AlignCenter,
               QStringLiteral("%1→%2 %3%")
                   .arg(name(matrix_->truth[static_cast<size_t>(i)]),
                        name(matrix_->predicted[static_cast<size_t>(i)]))
                   .arg(std::lround(100.0f * matrix_->confidence[static_cast<size_t>(i)])));
  }
}

}  // namespace bp::ui
