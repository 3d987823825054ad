#pragma once
// DatasetPanel: chooses the data — a toy set (kind, noise, samples, classes, derived features,
// regenerate), a CSV file, MNIST digits / Fashion-MNIST / an IDX folder (resize and subset
// options), the user's own image folder (size, colour, resize filter, and a preview grid of each
// class before training) — and the train/validation/test split. A preview grid shows image
// samples. Every edit is a SetDatasetSpec undo command (sliders and spin boxes merge their steps).
#include <QWidget>
#include <functional>
#include <vector>

#include "engine/data/dataset_spec.h"
#include "ui/training/training_snapshot.h"

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace bp::ui {

class ProjectDocument;
class SamplesGrid;
class ImageFolderPreview;

class DatasetPanel : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetPanel(ProjectDocument* doc, QWidget* parent = nullptr);

  void reload();
  // Shows the image samples of the latest loaded data.
  void setSnapshot(const SnapshotPtr& snapshot);
  QComboBox* sourceCombo() const { return source_; }
  QComboBox* toyCombo() const { return toy_; }
  ImageFolderPreview* imageFolderPreview() const { return folder_preview_; }
  // Sets an image folder as the data (one undo step): source, path, and 32x32 when no size is
  // set yet. What the "Image folder…" button does after its folder dialog.
  void chooseImageFolder(const QString& dir);
  QWidget* field(const QString& name) const;
  // Regenerate: a new data seed (same settings, new samples).
  void regenerate();

 private:
  struct Field {
    QString name;
    QWidget* widget;
    std::function<void(const DatasetSpec&)> load;
  };
  using Edit = std::function<void(DatasetSpec&)>;
  void push(const QString& text, int merge_id, const Edit& edit);
  void bind(const QString& name, QWidget* w, std::function<void(const DatasetSpec&)> load);
  void browseCsv();
  void browseIdx();
  void browseImageFolder();
  void buildImageFolderBox(QWidget* inner, QVBoxLayout* lay);
  void updateVisibility();

  ProjectDocument* doc_;
  std::vector<Field> fields_;
  QComboBox* source_ = nullptr;
  QComboBox* toy_ = nullptr;
  QGroupBox* toy_box_ = nullptr;
  QGroupBox* csv_box_ = nullptr;
  QGroupBox* image_box_ = nullptr;
  QGroupBox* folder_box_ = nullptr;
  QLineEdit* folder_path_ = nullptr;
  ImageFolderPreview* folder_preview_ = nullptr;
  QFormLayout* img_form_ = nullptr;
  QFormLayout* toy_form_ = nullptr;
  QWidget* classes_ = nullptr;
  QLabel* noise_label_ = nullptr;
  QLabel* test_label_ = nullptr;
  QLabel* extra_label_ = nullptr;
  QPushButton* clear_extra_ = nullptr;
  QLineEdit* csv_path_ = nullptr;
  QLineEdit* idx_path_ = nullptr;
  QWidget* idx_row_ = nullptr;
  SamplesGrid* samples_ = nullptr;
  bool loading_ = false;
};

}  // namespace bp::ui
