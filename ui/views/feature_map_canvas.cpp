#include "ui/views/feature_map_canvas.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "engine/train/prediction.h"
#include "ui/views/class_colors.h"
#include "ui/views/sample_image.h"

namespace bp::ui {
namespace {

constexpr int kMargin = 8;
constexpr int kGap = 4;
constexpr int kMapTarget = 56;     // activation tiles are scaled to about this many pixels
constexpr int kKernelTarget = 28;  // kernel tiles
constexpr int kCaptionHeight = 18;
constexpr int kMaxKernelRows = 16, kMaxKernelColumns = 16;

// (h, w) values -> image; grey when lo >= 0 (dark = 0), else the diverging map around 0.
QImage to_image(const float* v, int h, int w, float lo, float hi) {
  QImage img(w, h, QImage::Format_RGB32);
  const bool signed_values = lo < 0.0f;
  const float m = std::max(std::max(std::fabs(lo), std::fabs(hi)), 1e-12f);
  for (int r = 0; r < h; ++r) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < w; ++c) {
      const float x = v[r * w + c];
      if (signed_values) {
        line[c] = diverging_color(0.5f + 0.5f * x / m).rgb();
      } else {
        const int g = std::clamp(static_cast<int>(std::lround(255.0f * x / m)), 0, 255);
        line[c] = qRgb(g, g, g);
      }
    }
  }
  return img;
}

// (h, w) non-negative values -> black, red, yellow, white, scaled to the largest value.
QImage heat_image(const float* v, int h, int w) {
  const float m = std::max(*std::max_element(v, v + static_cast<int64_t>(h) * w), 1e-12f);
  QImage img(w, h, QImage::Format_RGB32);
  for (int r = 0; r < h; ++r) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
    for (int c = 0; c < w; ++c) {
      const float t = std::clamp(v[r * w + c] / m, 0.0f, 1.0f) * 3.0f;
      const auto ch = [](float x) {
        return std::clamp(static_cast<int>(std::lround(255.0f * x)), 0, 255);
      };
      line[c] = qRgb(ch(t), ch(t - 1.0f), ch(t - 2.0f));
    }
  }
  return img;
}

int scale_for(int size, int target) {
  return std::max(1, target / std::max(1, size));
}

}  // namespace

FeatureMapCanvas::FeatureMapCanvas(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  QSizePolicy p(QSizePolicy::Preferred, QSizePolicy::Preferred);
  p.setHeightForWidth(true);
  setSizePolicy(p);
}

void FeatureMapCanvas::setMaps(std::shared_ptr<const FeatureMaps> maps) {
  maps_ = std::move(maps);
  if (maps_ && selected_ >= maps_->samples) selected_ = 0;
  rebuild();
}

void FeatureMapCanvas::selectSample(int index) {
  if (!maps_ || index < 0 || index >= maps_->samples || index == selected_) return;
  selected_ = index;
  rebuild();
}

QString FeatureMapCanvas::predictionText() const {
  if (!maps_ || maps_->samples == 0) return {};
  const FeatureMaps& f = *maps_;
  auto class_name = [&](int c) {
    if (c >= 0 && c < static_cast<int>(f.class_names.size()))
      return QString::fromStdString(f.class_names[static_cast<size_t>(c)]);
    return QString::number(c);
  };
  QString text = f.labels[static_cast<size_t>(selected_)] >= 0
                     ? tr("label %1").arg(class_name(f.labels[static_cast<size_t>(selected_)]))
                     : QString();
  if (f.outputs <= 0) return text;
  const float* out = f.output_values.data() + static_cast<size_t>(selected_) * f.outputs;
  const int best = predicted_class(f.loss, out, f.outputs);
  if (f.outputs == 1) {
    const float v = out[0];
    const QString pred = f.loss == LossKind::BCEWithLogitsLoss
                             ? tr("predicted %1 (p = %2)")
                                   .arg(class_name(best))
                                   .arg(static_cast<double>(positive_score(f.loss, v)), 0, 'f', 3)
                             : tr("predicted %1 (output %2)")
                                   .arg(class_name(best))
                                   .arg(static_cast<double>(v), 0, 'g', 4);
    return text.isEmpty() ? pred : text + QStringLiteral(", ") + pred;
  }
  QString pred = tr("predicted %1").arg(class_name(best));
  if (f.loss == LossKind::CrossEntropyLoss) {  // softmax probability of the winner
    double sum = 0.0;
    for (int k = 0; k < f.outputs; ++k) sum += std::exp(static_cast<double>(out[k] - out[best]));
    pred += QStringLiteral(" (%1 %)").arg(100.0 / sum, 0, 'f', 1);
  }
  return text.isEmpty() ? pred : text + QStringLiteral(", ") + pred;
}

void FeatureMapCanvas::rebuild() {
  strip_images_.clear();
  if (maps_) {
    const FeatureMaps& f = *maps_;
    const int64_t n = static_cast<int64_t>(f.channels) * f.height * f.width;
    for (int i = 0; i < f.samples; ++i)
      strip_images_.push_back(sample_image(f.inputs.data() + i * n, f.channels, f.height, f.width,
                                           f.input_mean, f.input_std));
  }
  relayout();
}

void FeatureMapCanvas::relayout() {
  tiles_.clear();
  captions_.clear();
  content_height_ = layout(std::max(width(), 200), &tiles_, &captions_, &strip_rects_);
  auto count = [this](TileKind k) {
    return static_cast<int>(
        std::count_if(tiles_.begin(), tiles_.end(), [k](const Tile& t) { return t.kind == k; }));
  };
  map_tiles_ = count(TileKind::Map);
  kernel_tiles_ = count(TileKind::Kernel);
  shows_saliency_ = count(TileKind::Saliency) > 0;
  setMinimumHeight(content_height_);
  updateGeometry();
  update();
}

int FeatureMapCanvas::layout(int width, std::vector<Tile>* tiles, std::vector<Caption>* captions,
                             std::vector<QRect>* strip) const {
  strip->clear();
  if (!maps_ || maps_->samples == 0) {
    captions->push_back({QPoint(kMargin, kMargin + 14),
                         tr("Feature maps appear here for networks that take images (Conv2d "
                            "layers), once a run starts."),
                         false});
    return 60;
  }
  const FeatureMaps& f = *maps_;
  int y = kMargin;
  // the sample strip
  const int ss = scale_for(f.height, 40);
  int x = kMargin;
  for (int i = 0; i < f.samples; ++i) {
    const QRect r(x, y, f.width * ss, f.height * ss);
    strip->push_back(r);
    x += r.width() + kGap + 2;
  }
  y += f.height * ss + kGap + 4;
  captions->push_back(
      {QPoint(kMargin, y + 13),
       tr("Sample %1 of the held-out set: %2").arg(selected_ + 1).arg(predictionText()), true});
  y += kCaptionHeight + kGap;
  // Places a run of equally sized tiles, wrapping at `columns` (0: at the width).
  auto place = [&](std::vector<Tile>&& group, int tw, int th, int columns) {
    int cx = kMargin, col = 0;
    for (Tile& t : group) {
      const bool wrap = columns > 0 ? col == columns : cx + tw > width - kMargin && col > 0;
      if (wrap) {
        cx = kMargin;
        y += th + kGap;
        col = 0;
      }
      t.rect = QRect(cx, y, tw, th);
      tiles->push_back(std::move(t));
      cx += tw + (columns > 0 ? 1 : kGap);
      ++col;
    }
    y += th + 2 * kGap;
  };

  {
    const int64_t plane = static_cast<int64_t>(f.height) * f.width;
    const int64_t n = plane * f.channels;
    const int s = scale_for(std::max(f.height, f.width), 2 * kMapTarget);
    std::vector<Tile> group;
    group.push_back({QRect(),
                     sample_image(f.inputs.data() + selected_ * n, f.channels, f.height, f.width,
                                  f.input_mean, f.input_std),
                     tr("The input image, as the network gets it"), TileKind::Input});
    if (static_cast<int64_t>(f.saliency.size()) == f.samples * plane)
      group.push_back({QRect(),
                       heat_image(f.saliency.data() + selected_ * plane, f.height, f.width),
                       tr("Saliency: how strongly each pixel moves the predicted class's score "
                          "(|gradient|, bright = strong)"),
                       TileKind::Saliency});
    captions->push_back(
        {QPoint(kMargin, y + 13),
         group.size() > 1 ? tr("input · saliency (|d score / d pixel|)") : tr("input"), false});
    y += kCaptionHeight;
    place(std::move(group), f.width * s, f.height * s, 0);
  }

  for (const FeatureMapLayer& l : f.layers) {
    const int64_t plane = static_cast<int64_t>(l.height) * l.width;
    const float* v = l.values.data() + static_cast<int64_t>(selected_) * l.shown * plane;
    const auto [mn, mx] = std::minmax_element(v, v + l.shown * plane);
    QString caption = tr("%1 · %2 · %3×%4×%5")
                          .arg(QString::fromStdString(l.name), QString::fromStdString(l.kind))
                          .arg(l.channels)
                          .arg(l.height)
                          .arg(l.width);
    if (l.shown < l.channels) caption += tr(" (first %1 channels)").arg(l.shown);
    captions->push_back({QPoint(kMargin, y + 13), caption, false});
    y += kCaptionHeight;
    const int s = scale_for(std::max(l.height, l.width), kMapTarget);
    std::vector<Tile> group;
    for (int c = 0; c < l.shown; ++c) {
      const float* p = v + c * plane;
      const auto [cmn, cmx] = std::minmax_element(p, p + plane);
      group.push_back({QRect(), to_image(p, l.height, l.width, *mn, *mx),
                       tr("map %1 channel %2: %3 … %4")
                           .arg(QString::fromStdString(l.name))
                           .arg(c)
                           .arg(static_cast<double>(*cmn), 0, 'g', 3)
                           .arg(static_cast<double>(*cmx), 0, 'g', 3)});
    }
    place(std::move(group), l.width * s, l.height * s, 0);
  }

  for (const ConvKernels& k : f.kernels) {
    const int rows = std::min(k.out_channels, kMaxKernelRows);
    const int cols = std::min(k.in_channels, kMaxKernelColumns);
    QString caption = tr("%1 kernels · %2×%3×%4×%5 (row: output channel, column: input channel)")
                          .arg(QString::fromStdString(k.name))
                          .arg(k.out_channels)
                          .arg(k.in_channels)
                          .arg(k.kernel_h)
                          .arg(k.kernel_w);
    captions->push_back({QPoint(kMargin, y + 13), caption, false});
    y += kCaptionHeight;
    const int64_t kk = static_cast<int64_t>(k.kernel_h) * k.kernel_w;
    const auto [mn, mx] = std::minmax_element(k.values.begin(), k.values.end());
    const float m = std::max(std::fabs(*mn), std::fabs(*mx));
    const int s = scale_for(std::max(k.kernel_h, k.kernel_w), kKernelTarget);
    std::vector<Tile> group;
    for (int o = 0; o < rows; ++o)
      for (int i = 0; i < cols; ++i) {
        const float* p = k.values.data() + (static_cast<int64_t>(o) * k.in_channels + i) * kk;
        group.push_back({QRect(), to_image(p, k.kernel_h, k.kernel_w, -m, m),
                         tr("kernel %1 [%2, %3]").arg(QString::fromStdString(k.name)).arg(o).arg(i),
                         TileKind::Kernel});
      }
    place(std::move(group), k.kernel_w * s, k.kernel_h * s, cols);
  }
  return y + kMargin;
}

QSize FeatureMapCanvas::sizeHint() const {
  return {480, content_height_};
}

int FeatureMapCanvas::heightForWidth(int w) const {
  std::vector<Tile> tiles;
  std::vector<Caption> captions;
  std::vector<QRect> strip;
  return layout(w, &tiles, &captions, &strip);
}

void FeatureMapCanvas::resizeEvent(QResizeEvent* e) {
  QWidget::resizeEvent(e);
  if (e->size().width() != e->oldSize().width()) relayout();
}

void FeatureMapCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  for (size_t i = 0; i < strip_rects_.size() && i < strip_images_.size(); ++i) {
    p.drawImage(strip_rects_[i], strip_images_[i]);
    if (static_cast<int>(i) == selected_) {
      p.setPen(QPen(palette().highlight().color(), 3));
      p.drawRect(strip_rects_[i].adjusted(-2, -2, 1, 1));
    }
  }
  for (const Tile& t : tiles_) {
    p.drawImage(t.rect, t.image);
    p.setPen(QPen(palette().mid().color(), 1));
    p.drawRect(t.rect.adjusted(0, 0, -1, -1));
  }
  p.setPen(palette().text().color());
  QFont bold = font();
  bold.setBold(true);
  for (const Caption& c : captions_) {
    p.setFont(c.bold ? bold : font());
    p.drawText(c.pos, c.text);
  }
}

void FeatureMapCanvas::mousePressEvent(QMouseEvent* e) {
  for (size_t i = 0; i < strip_rects_.size(); ++i)
    if (strip_rects_[i].adjusted(-2, -2, 2, 2).contains(e->position().toPoint())) {
      selectSample(static_cast<int>(i));
      return;
    }
  QWidget::mousePressEvent(e);
}

bool FeatureMapCanvas::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* h = static_cast<QHelpEvent*>(e);
    for (const Tile& t : tiles_)
      if (t.rect.contains(h->pos())) {
        QToolTip::showText(h->globalPos(), t.tip, this);
        return true;
      }
    for (size_t i = 0; i < strip_rects_.size(); ++i)
      if (strip_rects_[i].contains(h->pos())) {
        QToolTip::showText(h->globalPos(), tr("Click to look inside the network for this image"),
                           this);
        return true;
      }
    QToolTip::hideText();
    e->ignore();
    return true;
  }
  return QWidget::event(e);
}

}  // namespace bp::ui
