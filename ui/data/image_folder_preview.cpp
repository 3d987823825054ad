#include "ui/data/image_folder_preview.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>
#include <exception>

#include "engine/data/image_folder.h"
#include "engine/data/image_ops.h"
#include "ui/views/sample_image.h"

namespace bp::ui {
namespace {

constexpr int kLabelWidth = 84;
constexpr int kTile = 36;
constexpr int kGap = 4;
constexpr int kTop = 38;  // the summary: two lines
constexpr int kMaxRows = 12;

bool same_preview(const DatasetSpec& a, const DatasetSpec& b) {
  return a.path == b.path && a.resize == b.resize && a.color == b.color &&
         a.resize_mode == b.resize_mode;
}

ResizeMode resize_mode(ImageResize mode, bool shrink) {
  if (mode == ImageResize::Area) return ResizeMode::Area;
  if (mode == ImageResize::Bilinear) return ResizeMode::Bilinear;
  return shrink ? ResizeMode::Area : ResizeMode::Bilinear;
}

}  // namespace

ImageFolderPreview::ImageFolderPreview(QWidget* parent) : QWidget(parent) {
  setMinimumHeight(120);
  setToolTip(
      tr("Each class (a subfolder, sorted by name) with its first images as the network "
         "gets them: resized, in colour or gray."));
}

QSize ImageFolderPreview::sizeHint() const {
  const int rows = std::max(1, std::min(kMaxRows, static_cast<int>(class_names_.size())));
  return QSize(kLabelWidth + kPerClass * (kTile + kGap) + 8, kTop + rows * (kTile + kGap) + 24);
}

void ImageFolderPreview::setSpec(const DatasetSpec& spec) {
  if (spec.source != DatasetSource::ImageFolder) return;
  if (have_spec_ && same_preview(spec, shown_spec_)) return;
  shown_spec_ = spec;
  have_spec_ = true;
  const int generation = ++generation_;
  loading_ = true;
  update();
  QPointer<ImageFolderPreview> self(this);
  QThreadPool::globalInstance()->start([self, spec, generation] {
    Result r = load(spec);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [self, generation, r = std::move(r)] {
          if (self) self->show(generation, r);
        },
        Qt::QueuedConnection);
  });
}

ImageFolderPreview::Result ImageFolderPreview::load(const DatasetSpec& spec) {
  Result r;
  if (spec.path.empty()) {
    r.error = tr("Choose a folder with one subfolder per class (PNG, JPEG or BMP images).");
    return r;
  }
  try {
    const ImageFolderIndex index = scan_image_folder(spec.path);
    size_t first = 0;
    int channels = 0, height = 0, width = 0;
    for (size_t k = 0; k < index.class_names.size(); ++k) {
      r.class_names << QString::fromStdString(index.class_names[k]);
      r.counts.push_back(index.per_class[k]);
      std::vector<QImage> row;
      if (static_cast<int>(k) < kMaxRows) {
        const size_t shown = std::min<size_t>(kPerClass, static_cast<size_t>(index.per_class[k]));
        for (size_t i = 0; i < shown; ++i) {
          DecodedImage img = decode_image(index.images[first + i].file, spec.color);
          if (spec.resize > 0 && (img.height != spec.resize || img.width != spec.resize)) {
            std::vector<float> out(static_cast<size_t>(img.channels) * spec.resize * spec.resize);
            const bool shrink = spec.resize <= img.height && spec.resize <= img.width;
            resize_images(img.pixels.data(), 1, ImageSize{img.channels, img.height, img.width},
                          out.data(), spec.resize, spec.resize,
                          resize_mode(spec.resize_mode, shrink));
            img.pixels = std::move(out);
            img.height = img.width = spec.resize;
          }
          if (channels == 0) channels = img.channels, height = img.height, width = img.width;
          const std::vector<float> mean(static_cast<size_t>(img.channels), 0.0f);
          const std::vector<float> one(static_cast<size_t>(img.channels), 1.0f);
          row.push_back(
              sample_image(img.pixels.data(), img.channels, img.height, img.width, mean, one));
        }
      }
      r.thumbs.push_back(std::move(row));
      first += static_cast<size_t>(index.per_class[k]);
    }
    r.summary = tr("%1\n→ samples (%2, %3, %4)")
                    .arg(QString::fromStdString(describe_image_folder(index)))
                    .arg(channels)
                    .arg(height)
                    .arg(width);
    if (spec.resize == 0) r.summary += tr(", native size");
  } catch (const std::exception& e) {
    r.error = QString::fromStdString(e.what());
  }
  return r;
}

void ImageFolderPreview::show(int generation, const Result& r) {
  if (generation != generation_) return;  // a newer spec is loading
  loading_ = false;
  class_names_ = r.class_names;
  counts_ = r.counts;
  thumbs_ = r.thumbs;
  summary_ = r.summary;
  error_ = r.error;
  updateGeometry();
  update();
  emit loaded();
}

void ImageFolderPreview::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  p.setPen(palette().color(QPalette::Text));
  if (loading_) {
    p.drawText(rect(), Qt::AlignCenter, tr("Reading the images…"));
    return;
  }
  if (!error_.isEmpty()) {
    p.setPen(QColor(200, 40, 40));
    p.drawText(rect().adjusted(6, 6, -6, -6), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               error_);
    return;
  }
  if (class_names_.isEmpty()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
               tr("Choose an image folder: one subfolder per class."));
    return;
  }
  p.drawText(QRect(4, 2, width() - 8, kTop - 4),
             Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, summary_);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  p.setFont(small);
  for (int k = 0; k < class_names_.size() && k < kMaxRows; ++k) {
    const int y = kTop + k * (kTile + kGap);
    if (y > height()) break;
    const QString label = QStringLiteral("%1 (%2)").arg(class_names_[k]).arg(counts_[k]);
    p.drawText(QRect(4, y, kLabelWidth - 8, kTile),
               Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, label);
    const auto& row = thumbs_[static_cast<size_t>(k)];
    for (size_t i = 0; i < row.size(); ++i) {
      const QRect cell(kLabelWidth + static_cast<int>(i) * (kTile + kGap), y, kTile, kTile);
      p.drawImage(cell, row[i]);
    }
  }
  if (class_names_.size() > kMaxRows)
    p.drawText(QRect(4, kTop + kMaxRows * (kTile + kGap), width() - 8, 18), Qt::AlignLeft,
               tr("… and %1 more classes").arg(class_names_.size() - kMaxRows));
}

}  // namespace bp::ui
