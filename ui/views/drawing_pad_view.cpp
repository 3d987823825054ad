#include "ui/views/drawing_pad_view.h"

#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/train/image_predictor.h"
#include "ui/views/attribution_view.h"  // upsample_cam

namespace bp::ui {

DrawingPadView::DrawingPadView(QWidget* parent) : QWidget(parent) {
  pixels_.assign(static_cast<size_t>(h_) * w_, 0);
  auto* layout = new QVBoxLayout(this);
  auto* row = new QHBoxLayout();
  clear_ = new QPushButton(tr("Clear"), this);
  undo_button_ = new QPushButton(tr("Undo"), this);
  undo_button_->setShortcut(QKeySequence::Undo);
  row->addWidget(clear_);
  row->addWidget(undo_button_);
  row->addStretch(1);
  layout->addLayout(row);
  layout->addStretch(1);
  connect(clear_, &QPushButton::clicked, this, &DrawingPadView::clear);
  connect(undo_button_, &QPushButton::clicked, this, &DrawingPadView::undo);
  setMinimumSize(260, 180);
  setCursor(Qt::CrossCursor);
}

DrawingPadView::~DrawingPadView() = default;

void DrawingPadView::setNetwork(const NetworkSpec& network) {
  network_ = network;
  network_set_ = true;
  predictor_.reset();
  weights_key_ = nullptr;
  predict();
}

void DrawingPadView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot || !snapshot->images || snapshot->weights.empty()) return;
  snapshot_ = snapshot;
  const SampleImages& im = *snapshot->images;
  if (im.height > 0 && (im.height != h_ || im.width != w_)) {
    h_ = im.height;
    w_ = im.width;
    pixels_.assign(static_cast<size_t>(h_) * w_, 0);
    undo_.clear();
  }
  if (isVisible() || !hasPrediction()) predict();
}

void DrawingPadView::predict() {
  error_.clear();
  if (!network_set_ || !snapshot_ || !snapshot_->images) return;
  const LossKind loss =
      snapshot_->feature_maps ? snapshot_->feature_maps->loss : snapshot_->grid.loss;
  try {
    if (!predictor_) {
      predictor_ = std::make_unique<ImagePredictor>(network_, snapshot_->weights, loss);
      weights_key_ = snapshot_.get();
    } else if (weights_key_ != snapshot_.get()) {
      predictor_->set_weights(snapshot_->weights);
      weights_key_ = snapshot_.get();
    }
    const Shape in = predictor_->input_shape();
    if (in[1] != h_ || in[2] != w_) throw Error("the network's input is not the pad's size");
    // every channel gets the drawing (grey)
    std::vector<float> raw(static_cast<size_t>(in.numel()));
    for (size_t i = 0; i < raw.size(); ++i)
      raw[i] = static_cast<float>(pixels_[i % pixels_.size()]) / 255.0f;
    outputs_ =
        predictor_->predict(raw, snapshot_->images->input_mean, snapshot_->images->input_std);
    probabilities_ = predictor_->probabilities();
    predicted_ = predictor_->predicted();
    const ClassAttribution a = predictor_->attribution(-1);
    saliency_ = a.saliency;
    cam_h_ = a.cam_height;
    cam_w_ = a.cam_width;
    cam_ = a.gradcam.empty() ? std::vector<float>()
                             : upsample_cam(a.gradcam.data(), cam_h_, cam_w_, h_, w_);
    maps_ = predictor_->feature_maps(8);
  } catch (const std::exception& e) {
    predictor_.reset();
    probabilities_.clear();
    maps_.clear();
    predicted_ = -1;
    error_ = QString::fromStdString(e.what());
  }
  update();
}

void DrawingPadView::setPixels(const std::vector<uint8_t>& levels) {
  if (levels.size() != pixels_.size()) return;
  pushUndo();
  pixels_ = levels;
  predict();
}

void DrawingPadView::pushUndo() {
  undo_.push_back(pixels_);
  if (undo_.size() > 100) undo_.erase(undo_.begin());
}

void DrawingPadView::clear() {
  pushUndo();
  std::fill(pixels_.begin(), pixels_.end(), 0);
  predict();
}

void DrawingPadView::undo() {
  if (undo_.empty()) return;
  pixels_ = undo_.back();
  undo_.pop_back();
  predict();
}

void DrawingPadView::drawStroke(QPointF a, QPointF b) {
  // A soft round brush about 2.5 pixels wide, like MNIST's strokes.
  const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
  const int steps = std::max(1, static_cast<int>(len * 4));
  for (int s = 0; s <= steps; ++s) {
    const double t = static_cast<double>(s) / steps;
    const double cx = a.x() + (b.x() - a.x()) * t, cy = a.y() + (b.y() - a.y()) * t;
    for (int y = static_cast<int>(cy) - 2; y <= static_cast<int>(cy) + 2; ++y)
      for (int x = static_cast<int>(cx) - 2; x <= static_cast<int>(cx) + 2; ++x) {
        if (x < 0 || y < 0 || x >= w_ || y >= h_) continue;
        const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
        const double v = std::clamp(1.6 - d, 0.0, 1.0) * 255.0;
        uint8_t& p = pixels_[static_cast<size_t>(y) * w_ + x];
        p = static_cast<uint8_t>(std::max<double>(p, v));
      }
  }
  predict();
}

QRectF DrawingPadView::padRect() const {
  const double side = std::min(height() - 160.0, width() * 0.5);
  return {10.0, 50.0, std::max(side, 56.0), std::max(side, 56.0)};
}

QPointF DrawingPadView::toPad(QPointF p) const {
  const QRectF r = padRect();
  return {(p.x() - r.left()) / r.width() * w_, (p.y() - r.top()) / r.height() * h_};
}

void DrawingPadView::mousePressEvent(QMouseEvent* e) {
  if (!padRect().contains(e->position())) return;
  pushUndo();
  last_ = toPad(e->position());
  drawStroke(last_, last_);
}

void DrawingPadView::mouseMoveEvent(QMouseEvent* e) {
  if (!(e->buttons() & Qt::LeftButton)) return;
  const QPointF p = toPad(e->position());
  drawStroke(last_, p);
  last_ = p;
}

void DrawingPadView::resizeEvent(QResizeEvent* e) {
  QWidget::resizeEvent(e);
  update();
}

void DrawingPadView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const QRectF pad = padRect();
  QImage img(w_, h_, QImage::Format_RGB32);
  for (int y = 0; y < h_; ++y)
    for (int x = 0; x < w_; ++x) {
      const int v = pixels_[static_cast<size_t>(y) * w_ + x];
      img.setPixel(x, y, qRgb(v, v, v));
    }
  p.drawImage(pad, img);
  p.setPen(palette().text().color());
  p.drawRect(pad);
  const double x0 = pad.right() + 16;
  if (!error_.isEmpty() || !hasPrediction()) {
    p.drawText(QRectF(x0, pad.top(), width() - x0 - 8, pad.height()), Qt::TextWordWrap,
               error_.isEmpty() ? tr("Train an image network, then draw a digit here: the "
                                     "prediction follows every stroke.")
                                : error_);
    return;
  }
  const auto& names = snapshot_->images->class_names;
  auto name = [&](int c) {
    return c < static_cast<int>(names.size())
               ? QString::fromStdString(names[static_cast<size_t>(c)])
               : QString::number(c);
  };
  // Every height and width below comes from the font in use: presentation mode enlarges the
  // fonts 1.6x, and fixed pixel rows made the labels overlap there.
  QFont big = font();
  big.setPointSizeF(big.pointSizeF() * 1.6);
  big.setBold(true);
  const QString heading = tr("Prediction: %1").arg(name(predicted_));
  // the heading fits beside the pad: a smaller heading rather than a cut-off class name
  while (big.pointSizeF() > font().pointSizeF() &&
         QFontMetricsF(big).horizontalAdvance(heading) > width() - x0 - 8)
    big.setPointSizeF(big.pointSizeF() - 1.0);
  const QFontMetricsF big_m(big);
  p.setFont(big);
  p.drawText(QPointF(x0, pad.top() + big_m.ascent()), heading);
  const int n = static_cast<int>(probabilities_.size());
  const double bars_top = pad.top() + big_m.height() + 6;
  const double room = std::max(0.0, pad.top() + pad.height() * 0.6 - bars_top);
  const double bar_h =
      std::min(std::max(18.0, QFontMetricsF(font()).height() * 1.15), room / std::max(n, 1));
  QFont label = font();
  if (QFontMetricsF(label).height() > bar_h)
    label.setPixelSize(std::max(6, static_cast<int>(bar_h * 0.8)));
  p.setFont(label);
  const QFontMetricsF label_m(label);
  double name_w = label_m.horizontalAdvance(QStringLiteral("00"));
  for (int c = 0; c < n; ++c) name_w = std::max(name_w, label_m.horizontalAdvance(name(c)));
  name_w = std::min(name_w + 6, width() * 0.25);
  const double pct_w = label_m.horizontalAdvance(QStringLiteral("100.0%")) + 6;
  for (int c = 0; c < n; ++c) {
    const double y = bars_top + c * bar_h;
    p.setPen(palette().text().color());
    p.drawText(QRectF(x0, y, name_w, bar_h), Qt::AlignVCenter,
               label_m.elidedText(name(c), Qt::ElideRight, name_w));
    const double wbar =
        std::max(0.0, width() - x0 - name_w - pct_w - 12) * probabilities_[static_cast<size_t>(c)];
    p.fillRect(QRectF(x0 + name_w, y + 2, std::max(wbar, 1.0), std::max(1.0, bar_h - 4)),
               c == predicted_ ? QColor(30, 110, 200) : QColor(150, 170, 200));
    p.drawText(QRectF(x0 + name_w + 4 + std::max(wbar, 1.0), y, pct_w, bar_h), Qt::AlignVCenter,
               QString::number(100.0 * probabilities_[static_cast<size_t>(c)], 'f', 1) + "%");
  }
  p.setFont(font());
  const double caption_h = QFontMetricsF(font()).height();
  // saliency and Grad-CAM of the drawing
  const double y = bars_top + n * bar_h + 6;
  // the two maps and their captions stay beside the pad, above the feature-map rows
  const double side = std::min({80.0, pad.height() * 0.35, pad.bottom() - y - caption_h - 2});
  auto heat_image = [&](const std::vector<float>& v) {
    float peak = 0.0f;
    for (float x : v) peak = std::max(peak, x);
    QImage out(w_, h_, QImage::Format_RGB32);
    for (int yy = 0; yy < h_; ++yy)
      for (int xx = 0; xx < w_; ++xx) {
        const float t = peak > 0 ? v[static_cast<size_t>(yy) * w_ + xx] / peak : 0.0f;
        out.setPixel(xx, yy,
                     QColor::fromRgbF(std::min(1.0f, 3 * t), std::clamp(3 * t - 1, 0.0f, 1.0f),
                                      std::clamp(3 * t - 2, 0.0f, 1.0f))
                         .rgb());
      }
    return out;
  };
  if (side >= 16 && saliency_.size() == pixels_.size()) {
    p.drawImage(QRectF(x0, y, side, side), heat_image(saliency_));
    p.drawText(QRectF(x0, y + side, side + 8, caption_h), Qt::AlignLeft | Qt::AlignTop,
               QFontMetricsF(font()).elidedText(tr("saliency"), Qt::ElideRight, side + 8));
  }
  if (side >= 16 && cam_.size() == pixels_.size()) {
    p.drawImage(QRectF(x0 + side + 10, y, side, side), heat_image(cam_));
    p.drawText(QRectF(x0 + side + 10, y + side, side + 8, caption_h), Qt::AlignLeft | Qt::AlignTop,
               QFontMetricsF(font()).elidedText(tr("Grad-CAM"), Qt::ElideRight, side + 8));
  }
  // The feature maps of the drawing: a row of channels per Conv2d layer, under the pad.
  double my = pad.bottom() + 8;
  for (const FeatureMapLayer& l : maps_) {
    const double cell = std::min(40.0, (width() - 90.0) / std::max(l.shown, 1));
    if (my + cell > height()) break;
    p.setPen(palette().text().color());
    p.drawText(QRectF(10, my, 70, cell), Qt::AlignVCenter, QString::fromStdString(l.name));
    const size_t plane = static_cast<size_t>(l.height) * l.width;
    for (int c = 0; c < l.shown; ++c) {
      const float* v = l.values.data() + static_cast<size_t>(c) * plane;
      float lo = v[0], hi = v[0];
      for (size_t i = 0; i < plane; ++i) lo = std::min(lo, v[i]), hi = std::max(hi, v[i]);
      QImage map(l.width, l.height, QImage::Format_Grayscale8);
      for (int yy = 0; yy < l.height; ++yy)
        for (int xx = 0; xx < l.width; ++xx)
          map.scanLine(yy)[xx] =
              static_cast<uchar>(hi > lo ? 255.0f * (v[yy * l.width + xx] - lo) / (hi - lo) : 0.0f);
      p.drawImage(QRectF(80 + c * (cell + 4), my, cell, cell), map);
    }
    my += cell + 6;
  }
}

}  // namespace bp::ui
