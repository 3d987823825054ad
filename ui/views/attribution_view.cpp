#include "ui/views/attribution_view.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/views/sample_image.h"

namespace bp::ui {

std::vector<float> upsample_cam(const float* cam, int cam_h, int cam_w, int h, int w) {
  std::vector<float> out(static_cast<size_t>(h * w), 0.0f);
  float peak = 0.0f;
  for (int y = 0; y < h; ++y) {
    const float sy = std::clamp((y + 0.5f) * cam_h / h - 0.5f, 0.0f, cam_h - 1.0f);
    const int y0 = static_cast<int>(sy), y1 = std::min(y0 + 1, cam_h - 1);
    const float fy = sy - y0;
    for (int x = 0; x < w; ++x) {
      const float sx = std::clamp((x + 0.5f) * cam_w / w - 0.5f, 0.0f, cam_w - 1.0f);
      const int x0 = static_cast<int>(sx), x1 = std::min(x0 + 1, cam_w - 1);
      const float fx = sx - x0;
      const float v = (1 - fy) * ((1 - fx) * cam[y0 * cam_w + x0] + fx * cam[y0 * cam_w + x1]) +
                      fy * ((1 - fx) * cam[y1 * cam_w + x0] + fx * cam[y1 * cam_w + x1]);
      out[static_cast<size_t>(y) * w + x] = v;
      peak = std::max(peak, v);
    }
  }
  if (peak > 0.0f)
    for (float& v : out) v /= peak;
  return out;
}

namespace {

QColor heat(float t) {  // black-red-yellow-white
  t = std::clamp(t, 0.0f, 1.0f);
  return QColor::fromRgbF(std::min(1.0f, 3 * t), std::clamp(3 * t - 1, 0.0f, 1.0f),
                          std::clamp(3 * t - 2, 0.0f, 1.0f));
}

}  // namespace

AttributionView::AttributionView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  class_box_ = new QComboBox(this);
  class_box_->addItem(tr("Explain: the predicted class"), -1);
  class_box_->setToolTip(tr("Which class's score the saliency and Grad-CAM explain."));
  connect(class_box_, &QComboBox::currentIndexChanged, this,
          [this] { target_ = class_box_->currentData().toInt(); });
  layout->addWidget(class_box_, 0, Qt::AlignLeft);
  layout->addStretch(1);
  setMinimumSize(200, 120);
}

InsightRequest AttributionView::insights() const {
  InsightRequest r;
  r.attribution = true;
  r.attribution_class = target_;
  return r;
}

void AttributionView::setTargetClass(int cls) {
  const int i = class_box_->findData(cls);
  if (i >= 0) class_box_->setCurrentIndex(i);
  target_ = cls;
}

void AttributionView::fillClasses(const FeatureMaps& f) {
  const int classes = std::max(f.outputs, 2);
  if (class_box_->count() == classes + 1) return;
  const QSignalBlocker block(class_box_);
  while (class_box_->count() > 1) class_box_->removeItem(1);
  for (int c = 0; c < classes; ++c) {
    const QString name = c < static_cast<int>(f.class_names.size())
                             ? QString::fromStdString(f.class_names[static_cast<size_t>(c)])
                             : QString::number(c);
    class_box_->addItem(tr("Explain: class %1").arg(name), c);
  }
  const int i = class_box_->findData(target_);
  class_box_->setCurrentIndex(std::max(i, 0));
}

void AttributionView::setSnapshot(const SnapshotPtr& snapshot) {
  if (!snapshot) return;
  if (snapshot->feature_maps) {
    maps_ = snapshot->feature_maps;
    fillClasses(*maps_);
  }
  if (snapshot->attribution) attribution_ = snapshot->attribution;
  update();
}

void AttributionView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const ClassAttribution* a = attribution_.get();
  p.setPen(palette().text().color());
  if (!a || !maps_ || a->samples == 0) {
    p.drawText(rect().adjusted(8, 40, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Train an image network: saliency and Grad-CAM for the class you pick appear "
                  "here for a few held-out images."));
    return;
  }
  const int top = class_box_->geometry().bottom() + 8;
  const int cell = std::clamp((height() - top - 30) / std::max(1, a->samples), 28, 96);
  const int h = a->height, w = a->width;
  const int64_t plane = static_cast<int64_t>(h) * w;
  // Heights and widths from the font in use (presentation mode enlarges it 1.6x): each heading
  // is elided to its column, the rows start under the headings.
  const QFontMetrics fm(font());
  const int lh = fm.height();
  const QStringList heads{tr("image"), tr("saliency"), tr("Grad-CAM %1").arg(a->cam_layer.c_str())};
  for (int k = 0; k < 3; ++k)
    p.drawText(QRect(8 + k * (cell + 8), top, cell + 6, lh), Qt::AlignLeft,
               fm.elidedText(heads[k], Qt::ElideRight, cell + 6));
  for (int i = 0; i < a->samples; ++i) {
    const int y = top + lh + 2 + i * (cell + 6);
    if (y > height()) break;
    const float* px = maps_->inputs.data() + static_cast<size_t>(i) * maps_->channels * plane;
    const QImage img = sample_image(px, maps_->channels, h, w, maps_->input_mean, maps_->input_std);
    p.drawImage(QRect(8, y, cell, cell), img);
    // saliency
    const float* s = a->saliency.data() + static_cast<size_t>(i) * plane;
    float peak = 0.0f;
    for (int64_t k = 0; k < plane; ++k) peak = std::max(peak, s[k]);
    QImage sal(w, h, QImage::Format_RGB32);
    for (int yy = 0; yy < h; ++yy)
      for (int xx = 0; xx < w; ++xx)
        sal.setPixel(xx, yy, heat(peak > 0 ? s[yy * w + xx] / peak : 0.0f).rgb());
    p.drawImage(QRect(16 + cell, y, cell, cell), sal);
    // Grad-CAM over the image
    QImage cam = img.convertToFormat(QImage::Format_ARGB32);
    if (!a->gradcam.empty()) {
      const auto up =
          upsample_cam(a->gradcam.data() + static_cast<size_t>(i) * a->cam_height * a->cam_width,
                       a->cam_height, a->cam_width, h, w);
      for (int yy = 0; yy < h; ++yy)
        for (int xx = 0; xx < w; ++xx) {
          const float t = up[static_cast<size_t>(yy) * w + xx];
          const QColor base = QColor::fromRgb(img.pixel(xx, yy));
          const QColor c = heat(t);
          const float m = 0.6f * t;
          cam.setPixel(xx, yy,
                       qRgb(static_cast<int>(base.red() * (1 - m) + c.red() * m),
                            static_cast<int>(base.green() * (1 - m) + c.green() * m),
                            static_cast<int>(base.blue() * (1 - m) + c.blue() * m)));
        }
    }
    p.drawImage(QRect(24 + 2 * cell, y, cell, cell), cam);
    const int cls = a->classes.at(static_cast<size_t>(i));
    const QString name = cls < static_cast<int>(maps_->class_names.size())
                             ? QString::fromStdString(maps_->class_names[static_cast<size_t>(cls)])
                             : QString::number(cls);
    const int label = maps_->labels.at(static_cast<size_t>(i));
    const QString truth =
        label >= 0 && label < static_cast<int>(maps_->class_names.size())
            ? QString::fromStdString(maps_->class_names[static_cast<size_t>(label)])
            : QString::number(label);
    const QRect text(32 + 3 * cell, y, width() - 40 - 3 * cell, cell);
    // two lines where the row is tall enough for them, else one
    const QString caption = 2 * lh <= cell ? tr("explains: %1\ntrue: %2").arg(name, truth)
                                           : tr("explains %1 · true %2").arg(name, truth);
    p.drawText(text, Qt::AlignVCenter,
               2 * lh <= cell ? caption : fm.elidedText(caption, Qt::ElideRight, text.width()));
  }
}

}  // namespace bp::ui
