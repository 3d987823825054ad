#pragma once
// ImageFolderPreview: what an image-folder data set holds before anything trains — one row per
// class (its name and image count) with its first images as the network will get them (resized,
// RGB or gray), a summary line ("3 classes (...), 36 images → samples (3, 32, 32)"), or the error
// that loading would give (an unreadable file or an empty class, named). Scanning and decoding run
// on Qt's global thread pool; a newer spec replaces an older one still loading.
#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

#include "engine/data/dataset_spec.h"

namespace bp::ui {

class ImageFolderPreview : public QWidget {
  Q_OBJECT
 public:
  // Images shown per class row.
  static constexpr int kPerClass = 6;

  explicit ImageFolderPreview(QWidget* parent = nullptr);
  // Loads the preview for an image-folder spec (path, resize, color, resize_mode); other sources
  // and an unchanged spec do nothing.
  void setSpec(const DatasetSpec& spec);

  // What is shown (for tests): the class names, the thumbnails per class, the summary or error.
  QStringList classNames() const { return class_names_; }
  const std::vector<std::vector<QImage>>& thumbnails() const { return thumbs_; }
  QString summary() const { return summary_; }
  QString error() const { return error_; }
  bool loading() const { return loading_; }

  QSize sizeHint() const override;

 signals:
  void loaded();  // a preview (or its error) is shown

 protected:
  void paintEvent(QPaintEvent* e) override;

 private:
  struct Result {
    QStringList class_names;
    std::vector<int64_t> counts;
    std::vector<std::vector<QImage>> thumbs;
    QString summary, error;
  };
  static Result load(const DatasetSpec& spec);
  void show(int generation, const Result& r);

  DatasetSpec shown_spec_;
  bool have_spec_ = false;
  int generation_ = 0;
  bool loading_ = false;
  QStringList class_names_;
  std::vector<int64_t> counts_;
  std::vector<std::vector<QImage>> thumbs_;
  QString summary_, error_;
};

}  // namespace bp::ui
