// The user's image folder in the studio: the dataset panel's "Image folder…" action is one undo
// step and shows a preview grid with the class names (colour, then gray), or the loading error;
// an RGB CNN's snapshot carries the per-channel normalization so the views show the images in
// their true colours. With BP_SCREENSHOT_DIR set, writes the panel, feature-map and saliency
// screenshots there.
#include <QComboBox>
#include <QGroupBox>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/snapshot/insight_builder.h"
#include "engine/train/snapshot/snapshot_builder.h"
#include "engine/train/trainer.h"
#include "tests/ui/training_test_util.h"
#include "ui/data/dataset_panel.h"
#include "ui/data/image_folder_preview.h"
#include "ui/document/project_document.h"
#include "ui/views/attribution_view.h"
#include "ui/views/feature_map_view.h"
#include "ui/views/sample_image.h"

using namespace bp;
using namespace bp::ui;

namespace {

QString test_images() {
  return QStringLiteral(BP_SOURCE_DIR "/datasets/test-images");
}

// Whether the image has a clearly coloured pixel (channels differ by more than 40 levels).
bool has_colour(const QImage& img) {
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const QRgb p = img.pixel(x, y);
      if (std::abs(qRed(p) - qGreen(p)) > 40 || std::abs(qBlue(p) - qGreen(p)) > 40) return true;
    }
  return false;
}

bool is_gray(const QImage& img) {
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      const QRgb p = img.pixel(x, y);
      if (qRed(p) != qGreen(p) || qGreen(p) != qBlue(p)) return false;
    }
  return true;
}

}  // namespace

class TestImageFolderViews : public QObject {
  Q_OBJECT
 private slots:
  void image_folder_is_one_undo_step_with_a_class_preview() {
    ProjectDocument doc;
    doc.reset(bp::test::toy_project(), QString());
    DatasetPanel panel(&doc);
    panel.resize(380, 1100);
    panel.chooseImageFolder(test_images());
    QCOMPARE(doc.undoStack()->count(), 1);
    const DatasetSpec& s = doc.datasetSpec();
    QCOMPARE(s.source, DatasetSource::ImageFolder);
    QCOMPARE(QString::fromStdString(s.path), test_images());
    QCOMPARE(s.resize, 32);
    QCOMPARE(panel.sourceCombo()->currentIndex(), static_cast<int>(DatasetSource::ImageFolder));
    ImageFolderPreview* preview = panel.imageFolderPreview();
    QTRY_VERIFY_WITH_TIMEOUT(!preview->loading(), 20000);
    QVERIFY2(preview->error().isEmpty(), qPrintable(preview->error()));
    QCOMPARE(preview->classNames(), (QStringList{"circle", "square", "triangle"}));
    QVERIFY2(preview->summary().contains("36 images\n→ samples (3, 32, 32)"),
             qPrintable(preview->summary()));
    QCOMPARE(preview->thumbnails().size(), size_t(3));
    for (const auto& row : preview->thumbnails()) {
      QCOMPARE(static_cast<int>(row.size()), ImageFolderPreview::kPerClass);
      QCOMPARE(row[0].size(), QSize(32, 32));
    }
    QVERIFY(has_colour(preview->thumbnails()[0][0]));  // a red-ish circle
    if (const QByteArray dir = qgetenv("BP_SCREENSHOT_DIR"); !dir.isEmpty()) {
      panel.show();
      QVERIFY(QTest::qWaitForWindowExposed(&panel));
      QVERIFY(panel.grab().save(QString::fromLocal8Bit(dir) + "/image-folder-panel.png"));
    }

    // gray: the panel's channel choice, one more undo step, a 1-channel preview
    auto* color = qobject_cast<QComboBox*>(panel.field("color"));
    QVERIFY(color);
    color->setCurrentIndex(static_cast<int>(ImageColor::Gray));
    QCOMPARE(doc.datasetSpec().color, ImageColor::Gray);
    QCOMPARE(doc.undoStack()->count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!preview->loading(), 20000);
    QVERIFY2(preview->summary().contains("samples (1, 32, 32)"), qPrintable(preview->summary()));
    QVERIFY(is_gray(preview->thumbnails()[0][0]));
    doc.undoStack()->undo();
    QCOMPARE(color->currentIndex(), static_cast<int>(ImageColor::Rgb));
    QTRY_VERIFY_WITH_TIMEOUT(!preview->loading(), 20000);
    QVERIFY(has_colour(preview->thumbnails()[0][0]));
  }

  void preview_shows_the_loading_error() {
    QTemporaryDir tmp;
    const std::filesystem::path root = tmp.path().toStdString();
    std::filesystem::create_directories(root / "apples");
    std::filesystem::create_directories(root / "pears");
    std::filesystem::copy_file(BP_SOURCE_DIR "/datasets/test-images/circle/01.png",
                               root / "apples" / "1.png");
    ProjectDocument doc;
    doc.reset(bp::test::toy_project(), QString());
    DatasetPanel panel(&doc);
    panel.chooseImageFolder(tmp.path());
    ImageFolderPreview* preview = panel.imageFolderPreview();
    QTRY_VERIFY_WITH_TIMEOUT(!preview->loading(), 20000);
    QVERIFY2(preview->error().contains("'pears' has no images"), qPrintable(preview->error()));
  }

  void rgb_views_show_true_colours() {
    Project p = read_project(BP_SOURCE_DIR "/tests/data/image_folder_cnn.json");
    p.training.epochs = 6;
    const DatasetSplits data = load_dataset(p.dataset);
    CpuBackend backend;
    Model model(p.network, backend, p.training.seed);
    Trainer trainer(model, data, p.training);
    QVERIFY(trainer.run(nullptr, nullptr));
    SnapshotBuilder builder(model, p.dataset, data, p.training.loss);
    QVERIFY(builder.hasFeatureMaps());
    auto snap = std::make_shared<TrainingSnapshot>();
    snap->weights = model.params().to_host(backend);
    builder.fillFeatureMaps(model, *snap);
    QVERIFY(snap->feature_maps);
    const FeatureMaps& f = *snap->feature_maps;
    QCOMPARE(f.channels, 3);
    QCOMPARE(f.input_mean, data.train.input_mean);  // the normalization travels with the maps
    QCOMPARE(f.input_std, data.train.input_std);
    InsightBuilder insight(model, data, p.training.loss);
    snap->attribution = insight.attribution(model, -1);
    QVERIFY(snap->attribution);

    // The normalized sample drawn with the stats is the raw image (within rounding).
    DatasetSpec raw_spec = p.dataset;
    raw_spec.normalize = false;
    const DatasetSplits raw = load_dataset(raw_spec);
    const QImage img =
        sample_image(data.train.sample(0), 3, 16, 16, data.train.input_mean, data.train.input_std);
    QVERIFY(has_colour(img));
    for (int y = 0; y < 16; ++y)
      for (int x = 0; x < 16; ++x)
        for (int c = 0; c < 3; ++c) {
          const int want =
              static_cast<int>(255.0f * raw.train.sample(0)[(c * 16 + y) * 16 + x] + 0.5f);
          const QRgb px = img.pixel(x, y);
          const int got = c == 0 ? qRed(px) : c == 1 ? qGreen(px) : qBlue(px);
          QVERIFY2(std::abs(got - want) <= 1, qPrintable(QString("%1 vs %2").arg(got).arg(want)));
        }

    FeatureMapView maps;
    maps.resize(720, 640);
    maps.setSnapshot(snap);
    QVERIFY(maps.mapTileCount() > 0);
    QVERIFY(maps.showsSaliency());
    AttributionView attribution;
    attribution.resize(360, 560);
    attribution.setSnapshot(snap);
    QVERIFY(attribution.hasAttribution());
    QVERIFY(has_colour(attribution.grab().toImage()));
    if (const QByteArray dir = qgetenv("BP_SCREENSHOT_DIR"); !dir.isEmpty()) {
      const QString out = QString::fromLocal8Bit(dir);
      maps.show();
      QVERIFY(QTest::qWaitForWindowExposed(&maps));
      QVERIFY(maps.grab().save(out + "/image-folder-feature-maps.png"));
      QVERIFY(attribution.grab().save(out + "/image-folder-saliency.png"));
    }
  }
};

QTEST_MAIN(TestImageFolderViews)
#include "test_image_folder_views.moc"
