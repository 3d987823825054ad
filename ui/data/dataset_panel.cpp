#include "ui/data/dataset_panel.h"
#include "ui/widgets/scroll_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "engine/data/extra_points.h"
#include "ui/data/image_folder_preview.h"
#include "ui/document/commands/merge_id.h"
#include "ui/document/commands/set_dataset_spec.h"
#include "ui/document/project_document.h"
#include "ui/views/samples_grid.h"

namespace bp::ui {
namespace {

bool toy_has_classes(ToyKind k) {
  return k == ToyKind::Spiral || k == ToyKind::Blobs || k == ToyKind::Parity;
}

}  // namespace

DatasetPanel::DatasetPanel(ProjectDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  QVBoxLayout* lay = make_scroll_panel(this);
  QWidget* inner = lay->parentWidget();

  // --- source ---
  source_ = new QComboBox(inner);
  source_->addItems({tr("Toy data (2-D)"), tr("CSV file"), tr("MNIST digits"), tr("Fashion-MNIST"),
                     tr("IDX folder"), tr("Image folder (your images)")});
  source_->setToolTip(
      tr("Where the samples come from: small generated 2-D problems you can see "
         "whole, your own table, real image collections, or a folder of your own images."));
  connect(source_, &QComboBox::currentIndexChanged, this, [this](int i) {
    push(tr("Choose data source"), -1,
         [i](DatasetSpec& s) { s.source = static_cast<DatasetSource>(i); });
  });
  bind("source", source_,
       [this](const DatasetSpec& s) { source_->setCurrentIndex(static_cast<int>(s.source)); });
  auto* src_form = new QFormLayout;
  src_form->addRow(tr("Source"), source_);
  lay->addLayout(src_form);

  // --- toy ---
  toy_box_ = new QGroupBox(tr("Toy data"), inner);
  toy_form_ = new QFormLayout(toy_box_);
  toy_ = new QComboBox(toy_box_);
  toy_->addItems({tr("Circle"), tr("XOR"), tr("Gaussians"), tr("Spiral"), tr("Moons"),
                  tr("Checkerboard"), tr("Blobs"), tr("Plane (regression)"),
                  tr("Gaussian bumps (regression)"), tr("Sine 1-D (regression)"),
                  tr("Polynomial 1-D (regression)"), tr("Step 1-D (regression)"), tr("AND gate"),
                  tr("OR gate"), tr("XOR gate"), tr("N-bit parity (bits = classes)")});
  toy_->setToolTip(
      tr("A generated problem. Circle and Gaussians are nearly linear tasks; XOR, "
         "Spiral and Checkerboard need hidden layers."));
  connect(toy_, &QComboBox::currentIndexChanged, this, [this](int i) {
    push(tr("Choose toy data"), -1, [i](DatasetSpec& s) { s.toy = static_cast<ToyKind>(i); });
  });
  bind("toy", toy_,
       [this](const DatasetSpec& s) { toy_->setCurrentIndex(static_cast<int>(s.toy)); });
  toy_form_->addRow(tr("Problem"), toy_);

  auto* noise = new QSlider(Qt::Horizontal, toy_box_);
  noise->setRange(0, 100);
  noise->setToolTip(
      tr("Randomness added to every point: more noise makes classes overlap and "
         "overfitting easier to see."));
  noise_label_ = new QLabel(toy_box_);
  noise_label_->setMinimumWidth(32);
  connect(noise, &QSlider::valueChanged, this, [this](int v) {
    noise_label_->setText(QString::number(v / 100.0, 'f', 2));
    push(tr("Set noise"), merge_id(MergeId::DatasetNoise),
         [v](DatasetSpec& s) { s.noise = static_cast<float>(v) / 100.0f; });
  });
  bind("noise", noise, [this, noise](const DatasetSpec& s) {
    noise->setValue(static_cast<int>(std::lround(s.noise * 100.0f)));
    noise_label_->setText(QString::number(static_cast<double>(s.noise), 'f', 2));
  });
  auto* noise_row = new QHBoxLayout;
  noise_row->addWidget(noise, 1);
  noise_row->addWidget(noise_label_);
  toy_form_->addRow(tr("Noise"), noise_row);

  auto* samples = new QSpinBox(toy_box_);
  samples->setRange(10, 100000);
  samples->setSingleStep(50);
  samples->setKeyboardTracking(false);
  samples->setToolTip(tr("How many points are generated in total (before the split)."));
  connect(samples, &QSpinBox::valueChanged, this, [this](int v) {
    push(tr("Set sample count"), merge_id(MergeId::DatasetSamples),
         [v](DatasetSpec& s) { s.samples = v; });
  });
  bind("samples", samples, [samples](const DatasetSpec& s) { samples->setValue(s.samples); });
  toy_form_->addRow(tr("Samples"), samples);

  auto* classes = new QSpinBox(toy_box_);
  classes->setRange(2, 10);
  classes->setToolTip(tr("Number of spiral arms or blobs, i.e. classes."));
  classes->setKeyboardTracking(false);
  connect(classes, &QSpinBox::valueChanged, this, [this](int v) {
    push(tr("Set class count"), merge_id(MergeId::DatasetClasses),
         [v](DatasetSpec& s) { s.classes = v; });
  });
  bind("classes", classes, [classes](const DatasetSpec& s) { classes->setValue(s.classes); });
  toy_form_->addRow(tr("Classes"), classes);
  classes_ = classes;

  auto* feats = new QWidget(toy_box_);
  auto* feats_lay = new QHBoxLayout(feats);
  feats_lay->setContentsMargins(0, 0, 0, 0);
  struct Feat {
    const char* label;
    bool DatasetSpec::*member;
  };
  for (const Feat& f :
       {Feat{"x²", &DatasetSpec::feature_x2}, Feat{"y²", &DatasetSpec::feature_y2},
        Feat{"xy", &DatasetSpec::feature_xy}, Feat{"sin x", &DatasetSpec::feature_sinx},
        Feat{"sin y", &DatasetSpec::feature_siny}}) {
    auto* box = new QCheckBox(QString::fromUtf8(f.label), feats);
    box->setToolTip(tr("Feed %1 to the network as an extra input: hand-made features can replace "
                       "hidden layers.")
                        .arg(QString::fromUtf8(f.label)));
    const auto member = f.member;
    connect(box, &QCheckBox::toggled, this, [this, member](bool on) {
      push(tr("Toggle derived feature"), -1, [member, on](DatasetSpec& s) { s.*member = on; });
    });
    bind(QString::fromUtf8(f.label), box,
         [box, member](const DatasetSpec& s) { box->setChecked(s.*member); });
    feats_lay->addWidget(box);
  }
  feats_lay->addStretch(1);
  toy_form_->addRow(tr("Features"), feats);

  auto* regen = new QPushButton(tr("Regenerate"), toy_box_);
  regen->setToolTip(tr("Draw new samples from the same problem (a new data seed)."));
  connect(regen, &QPushButton::clicked, this, &DatasetPanel::regenerate);
  extra_label_ = new QLabel(toy_box_);
  clear_extra_ = new QPushButton(tr("Clear added points"), toy_box_);
  clear_extra_->setToolTip(tr("Remove the points added by clicking the decision-boundary plane."));
  connect(clear_extra_, &QPushButton::clicked, this, [this] {
    push(tr("Clear added points"), -1, [](DatasetSpec& s) { s.extra_points.clear(); });
  });
  auto* regen_row = new QHBoxLayout;
  regen_row->addWidget(regen);
  regen_row->addWidget(clear_extra_);
  regen_row->addStretch(1);
  toy_form_->addRow(regen_row);
  toy_form_->addRow(extra_label_);
  lay->addWidget(toy_box_);

  // --- CSV ---
  csv_box_ = new QGroupBox(tr("CSV file"), inner);
  auto* csv_form = new QFormLayout(csv_box_);
  csv_path_ = new QLineEdit(csv_box_);
  csv_path_->setReadOnly(true);
  csv_path_->setPlaceholderText(tr("no file chosen"));
  auto* browse = new QPushButton(tr("Browse…"), csv_box_);
  browse->setToolTip(tr("Choose a comma-separated file with a header row; one row per sample."));
  connect(browse, &QPushButton::clicked, this, &DatasetPanel::browseCsv);
  auto* csv_row = new QHBoxLayout;
  csv_row->addWidget(csv_path_, 1);
  csv_row->addWidget(browse);
  csv_form->addRow(tr("File"), csv_row);
  bind("csv_path", csv_path_,
       [this](const DatasetSpec& s) { csv_path_->setText(QString::fromStdString(s.path)); });
  auto* label_col = new QLineEdit(csv_box_);
  label_col->setPlaceholderText(tr("last column"));
  label_col->setToolTip(
      tr("The column holding the target (by header name); the other columns "
         "are the inputs."));
  connect(label_col, &QLineEdit::editingFinished, this, [this, label_col] {
    const std::string v = label_col->text().toStdString();
    push(tr("Set label column"), -1, [v](DatasetSpec& s) { s.label_column = v; });
  });
  bind("label_column", label_col, [label_col](const DatasetSpec& s) {
    label_col->setText(QString::fromStdString(s.label_column));
  });
  csv_form->addRow(tr("Label column"), label_col);
  auto* task = new QComboBox(csv_box_);
  task->addItems({tr("Classification"), tr("Regression")});
  task->setToolTip(
      tr("Classification: the label is a category. Regression: a number to "
         "predict."));
  connect(task, &QComboBox::currentIndexChanged, this, [this](int i) {
    push(tr("Set CSV task"), -1, [i](DatasetSpec& s) { s.csv_task = static_cast<TaskKind>(i); });
  });
  bind("csv_task", task,
       [task](const DatasetSpec& s) { task->setCurrentIndex(static_cast<int>(s.csv_task)); });
  csv_form->addRow(tr("Task"), task);
  lay->addWidget(csv_box_);

  // --- the user's image folder (dataset_panel_image_folder.cpp) ---
  buildImageFolderBox(inner, lay);

  // --- images ---
  image_box_ = new QGroupBox(tr("Images"), inner);
  auto* img_form = new QFormLayout(image_box_);
  img_form_ = img_form;
  idx_path_ = new QLineEdit(image_box_);
  idx_path_->setReadOnly(true);
  idx_path_->setPlaceholderText(tr("no folder chosen"));
  auto* browse_idx = new QPushButton(tr("Browse…"), image_box_);
  browse_idx->setToolTip(
      tr("A folder with MNIST-format files (train/t10k images and labels, "
         "plain or .gz)."));
  connect(browse_idx, &QPushButton::clicked, this, &DatasetPanel::browseIdx);
  idx_row_ = new QWidget(image_box_);
  auto* idx_lay = new QHBoxLayout(idx_row_);
  idx_lay->setContentsMargins(0, 0, 0, 0);
  idx_lay->addWidget(idx_path_, 1);
  idx_lay->addWidget(browse_idx);
  img_form->addRow(tr("Folder"), idx_row_);
  bind("idx_path", idx_path_,
       [this](const DatasetSpec& s) { idx_path_->setText(QString::fromStdString(s.path)); });
  auto add_int = [&](const char* name, const QString& label, const QString& tip, int lo, int hi,
                     int merge, int DatasetSpec::*member, const QString& special) {
    auto* w = new QSpinBox(image_box_);
    w->setRange(lo, hi);
    w->setToolTip(tip);
    w->setSpecialValueText(special);
    w->setKeyboardTracking(false);
    connect(w, &QSpinBox::valueChanged, this, [this, member, merge, label](int v) {
      push(tr("Set %1").arg(label), merge, [member, v](DatasetSpec& s) { s.*member = v; });
    });
    bind(QString::fromLatin1(name), w,
         [w, member](const DatasetSpec& s) { w->setValue(s.*member); });
    img_form->addRow(label, w);
  };
  add_int("resize", tr("Resize to"),
          tr("Shrink images to N×N pixels (0: native size). Smaller images train much faster."), 0,
          128, merge_id(MergeId::DatasetResize), &DatasetSpec::resize, tr("native"));
  add_int("max_train", tr("Training subset"),
          tr("Use only this many training images (0: all) for quick experiments."), 0, 60000,
          merge_id(MergeId::DatasetMaxTrain), &DatasetSpec::max_train, tr("all"));
  add_int("max_test", tr("Test subset"), tr("Use only this many test images (0: all)."), 0, 10000,
          merge_id(MergeId::DatasetMaxTest), &DatasetSpec::max_test, tr("all"));
  auto* norm = new QCheckBox(image_box_);
  norm->setToolTip(
      tr("Scale pixels to zero mean and unit variance: optimizers behave better on "
         "centred inputs."));
  connect(norm, &QCheckBox::toggled, this, [this](bool on) {
    push(tr("Toggle normalization"), -1, [on](DatasetSpec& s) { s.normalize = on; });
  });
  bind("normalize", norm, [norm](const DatasetSpec& s) { norm->setChecked(s.normalize); });
  img_form->addRow(tr("Normalize"), norm);
  samples_ = new SamplesGrid(image_box_);
  samples_->setMinimumHeight(180);
  img_form->addRow(samples_);
  lay->addWidget(image_box_);

  // --- split ---
  auto* split_box = new QGroupBox(tr("Split"), inner);
  auto* split_form = new QFormLayout(split_box);
  auto* train = new QSpinBox(split_box);
  train->setRange(5, 100);
  train->setSuffix(QStringLiteral(" %"));
  train->setToolTip(tr("Share of the samples the network learns from."));
  auto* val = new QSpinBox(split_box);
  val->setRange(0, 95);
  val->setSuffix(QStringLiteral(" %"));
  val->setToolTip(
      tr("Share held out to watch overfitting and drive early stopping and "
         "ReduceLROnPlateau; never trained on."));
  test_label_ = new QLabel(split_box);
  test_label_->setToolTip(tr("The rest is the test set: judged once, at the end."));
  connect(train, &QSpinBox::valueChanged, this, [this](int v) {
    push(tr("Set train split"), merge_id(MergeId::DatasetTrainSplit), [v](DatasetSpec& s) {
      s.train_fraction = static_cast<float>(v) / 100.0f;
      s.validation_fraction = std::min(s.validation_fraction, 1.0f - s.train_fraction);
    });
  });
  connect(val, &QSpinBox::valueChanged, this, [this](int v) {
    push(
        tr("Set validation split"), merge_id(MergeId::DatasetValidationSplit), [v](DatasetSpec& s) {
          s.validation_fraction = std::min(static_cast<float>(v) / 100.0f, 1.0f - s.train_fraction);
        });
  });
  bind("train_fraction", train, [train](const DatasetSpec& s) {
    train->setValue(static_cast<int>(std::lround(s.train_fraction * 100.0f)));
  });
  bind("validation_fraction", val, [val](const DatasetSpec& s) {
    val->setValue(static_cast<int>(std::lround(s.validation_fraction * 100.0f)));
  });
  auto* standardize = new QCheckBox(split_box);
  standardize->setToolTip(
      tr("Z-score every input feature with the training split's mean and "
         "standard deviation."));
  connect(standardize, &QCheckBox::toggled, this, [this](bool on) {
    push(tr("Toggle standardize"), -1, [on](DatasetSpec& s) { s.standardize = on; });
  });
  bind("standardize", standardize,
       [standardize](const DatasetSpec& s) { standardize->setChecked(s.standardize); });
  split_form->addRow(tr("Train"), train);
  split_form->addRow(tr("Validation"), val);
  split_form->addRow(tr("Test"), test_label_);
  split_form->addRow(tr("Standardize"), standardize);
  lay->addWidget(split_box);
  lay->addStretch(1);

  connect(doc_, &ProjectDocument::datasetSpecChanged, this, &DatasetPanel::reload);
  connect(doc_, &ProjectDocument::documentReset, this, &DatasetPanel::reload);
  reload();
}

void DatasetPanel::bind(const QString& name, QWidget* w,
                        std::function<void(const DatasetSpec&)> load) {
  fields_.push_back({name, w, std::move(load)});
}

void DatasetPanel::push(const QString& text, int merge_id, const Edit& edit) {
  if (loading_) return;
  DatasetSpec s = doc_->datasetSpec();
  edit(s);
  // Added points of a class the edit removed go with it (in the same undo step), so the project
  // stays one that the project file reader accepts.
  drop_unfit_extra_points(s);
  if (s == doc_->datasetSpec()) return;
  doc_->undoStack()->push(new SetDatasetSpec(doc_, s, text, merge_id));
}

void DatasetPanel::regenerate() {
  push(tr("Regenerate data"), -1, [](DatasetSpec& s) { s.seed += 1; });
}

void DatasetPanel::browseCsv() {
  const QString file = QFileDialog::getOpenFileName(this, tr("Open CSV data"), csv_path_->text(),
                                                    tr("CSV files (*.csv);;All files (*)"));
  if (file.isEmpty()) return;
  push(tr("Choose CSV file"), -1, [file](DatasetSpec& s) {
    s.source = DatasetSource::Csv;
    s.path = file.toStdString();
  });
}

void DatasetPanel::browseIdx() {
  const QString dir =
      QFileDialog::getExistingDirectory(this, tr("Choose an IDX folder"), idx_path_->text());
  if (dir.isEmpty()) return;
  push(tr("Choose IDX folder"), -1, [dir](DatasetSpec& s) {
    s.source = DatasetSource::IdxFolder;
    s.path = dir.toStdString();
  });
}

void DatasetPanel::setSnapshot(const SnapshotPtr& snapshot) {
  samples_->setImages(snapshot ? snapshot->images : nullptr);
}

QWidget* DatasetPanel::field(const QString& name) const {
  for (const Field& f : fields_)
    if (f.name == name) return f.widget;
  return nullptr;
}

void DatasetPanel::updateVisibility() {
  const DatasetSpec& s = doc_->datasetSpec();
  toy_box_->setVisible(s.source == DatasetSource::Toy);
  csv_box_->setVisible(s.source == DatasetSource::Csv);
  const bool images =
      s.source == DatasetSource::MnistDigits || s.source == DatasetSource::FashionMnist ||
      s.source == DatasetSource::IdxFolder || s.source == DatasetSource::ImageFolder;
  image_box_->setVisible(images);
  idx_row_->setEnabled(s.source == DatasetSource::IdxFolder);
  img_form_->setRowVisible(idx_row_, s.source != DatasetSource::ImageFolder);
  folder_box_->setVisible(s.source == DatasetSource::ImageFolder);
  folder_preview_->setSpec(s);
  toy_form_->setRowVisible(classes_, toy_has_classes(s.toy));
  const int test = static_cast<int>(
      std::lround(100.0f * std::max(0.0f, 1.0f - s.train_fraction - s.validation_fraction)));
  test_label_->setText(QStringLiteral("%1 %").arg(test));
  extra_label_->setText(
      s.extra_points.empty()
          ? tr("Tip: click the decision-boundary plane to add points.")
          : tr("%n point(s) added by clicking.", nullptr, static_cast<int>(s.extra_points.size())));
  clear_extra_->setEnabled(!s.extra_points.empty());
}

void DatasetPanel::reload() {
  loading_ = true;
  const DatasetSpec& s = doc_->datasetSpec();
  for (Field& f : fields_) {
    const QSignalBlocker block(f.widget);
    f.load(s);
  }
  updateVisibility();
  loading_ = false;
}

}  // namespace bp::ui
