// DatasetPanel's "Image folder" box: the folder (the "Image folder…" button), the colour and the
// resize filter, and the preview of each class (the size is the Images box's "Resize to").
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/data/dataset_panel.h"
#include "ui/data/image_folder_preview.h"
#include "ui/document/project_document.h"

namespace bp::ui {

void DatasetPanel::buildImageFolderBox(QWidget* inner, QVBoxLayout* lay) {
  folder_box_ = new QGroupBox(tr("Image folder"), inner);
  auto* form = new QFormLayout(folder_box_);
  folder_path_ = new QLineEdit(folder_box_);
  folder_path_->setReadOnly(true);
  folder_path_->setPlaceholderText(tr("no folder chosen"));
  auto* browse = new QPushButton(tr("Image folder…"), folder_box_);
  browse->setToolTip(
      tr("A folder with one subfolder per class (cats/, dogs/, ...) holding PNG, JPEG or BMP "
         "images: the layout torchvision's ImageFolder reads. Class names are the subfolder "
         "names, sorted."));
  connect(browse, &QPushButton::clicked, this, &DatasetPanel::browseImageFolder);
  auto* row = new QHBoxLayout;
  row->addWidget(folder_path_, 1);
  row->addWidget(browse);
  form->addRow(tr("Folder"), row);
  bind("folder_path", folder_path_,
       [this](const DatasetSpec& s) { folder_path_->setText(QString::fromStdString(s.path)); });

  auto* color = new QComboBox(folder_box_);
  color->addItems({tr("RGB (3)"), tr("Gray (1)")});
  color->setToolTip(
      tr("Keep the colours (the network's input has 3 channels) or convert to gray "
         "(0.299 R + 0.587 G + 0.114 B, 1 channel)."));
  connect(color, &QComboBox::currentIndexChanged, this, [this](int i) {
    push(tr("Set image colour"), -1, [i](DatasetSpec& s) { s.color = static_cast<ImageColor>(i); });
  });
  bind("color", color,
       [color](const DatasetSpec& s) { color->setCurrentIndex(static_cast<int>(s.color)); });
  form->addRow(tr("Channels"), color);

  auto* filter = new QComboBox(folder_box_);
  filter->addItems({tr("Automatic"), tr("Area"), tr("Bilinear")});
  filter->setToolTip(
      tr("How each image is resized to the size below. Automatic: area to shrink, bilinear to "
         "enlarge. Area averages the pixels each output "
         "pixel covers (best for shrinking); bilinear interpolates (PyTorch's "
         "F.interpolate(mode=\"bilinear\"))."));
  connect(filter, &QComboBox::currentIndexChanged, this, [this](int i) {
    push(tr("Set resize filter"), -1,
         [i](DatasetSpec& s) { s.resize_mode = static_cast<ImageResize>(i); });
  });
  bind("resize_mode", filter, [filter](const DatasetSpec& s) {
    filter->setCurrentIndex(static_cast<int>(s.resize_mode));
  });
  form->addRow(tr("Resize filter"), filter);

  folder_preview_ = new ImageFolderPreview(folder_box_);
  form->addRow(folder_preview_);
  lay->addWidget(folder_box_);
}

void DatasetPanel::browseImageFolder() {
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Choose an image folder (one subfolder per class)"), folder_path_->text());
  if (!dir.isEmpty()) chooseImageFolder(dir);
}

void DatasetPanel::chooseImageFolder(const QString& dir) {
  push(tr("Choose image folder"), -1, [dir](DatasetSpec& s) {
    s.source = DatasetSource::ImageFolder;
    s.path = dir.toStdString();
    if (s.resize == 0) s.resize = 32;
  });
}

}  // namespace bp::ui
