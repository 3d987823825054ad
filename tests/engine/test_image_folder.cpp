// Image folders (engine/data/image_folder.h): class order as torchvision's ImageFolder, decoding
// of colour / gray / alpha files, gray conversion, resizing, seeded splits, the errors a user
// sees (named files and classes), the project-file keys with a path relative to the project, and
// a small RGB CNN trained on the committed datasets/test-images above chance.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/core/error.h"
#include "engine/data/image_folder.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"
#include "engine/train/trainer.h"

using namespace bp;
namespace fs = std::filesystem;

namespace {

// 8-bit value -> the loader's float, as IDX images: v * (1 / 255).
float u8(int v) {
  return static_cast<float>(v) * (1.0f / 255.0f);
}

std::string test_images() {
  return std::string(BP_SOURCE_DIR) + "/datasets/test-images";
}

// pixels: (h, w, channels) bytes.
void write_png(const fs::path& file, int w, int h, int channels,
               const std::vector<unsigned char>& pixels) {
  fs::create_directories(file.parent_path());
  QVERIFY(stbi_write_png(file.c_str(), w, h, channels, pixels.data(), w * channels) != 0);
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// The message of the bp::Error that f throws ("" when it does not throw).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

DatasetSpec folder_spec(const std::string& path, int size) {
  DatasetSpec s;
  s.source = DatasetSource::ImageFolder;
  s.path = path;
  s.resize = size;
  return s;
}

}  // namespace

class TestImageFolder : public QObject {
  Q_OBJECT
 private slots:
  void classes_sorted_as_image_folder_with_nested_files() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    const std::vector<unsigned char> px(4 * 3, 100);
    for (const char* f : {"b/1.png", "B/x.PNG", "a/z.png", "a/sub/a.png", "a b/q.png"})
      write_png(root / f, 2, 2, 3, px);
    write_text(root / "a" / "notes.txt", "not an image: ignored");
    write_png(root / ".hidden" / "1.png", 2, 2, 3, px);  // hidden folders are no classes
    write_png(root / "a" / ".thumbs" / "1.png", 2, 2, 3, px);
    const ImageFolderIndex index = scan_image_folder(root.string());
    QCOMPARE(index.class_names, (std::vector<std::string>{"B", "a", "a b", "b"}));
    QCOMPARE(index.images.size(), size_t(5));
    // sorted(os.walk(a)): the files of a/ before those of a/sub/
    QCOMPARE(fs::path(index.images[1].file).filename().string(), std::string("z.png"));
    QCOMPARE(fs::path(index.images[2].file).filename().string(), std::string("a.png"));
    QCOMPARE(index.images[2].label, 1);
    QCOMPARE(index.per_class, (std::vector<int64_t>{1, 2, 1, 1}));
    QCOMPARE(describe_image_folder(index),
             std::string("4 classes (B 1, a 2, a b 1, b 1), 5 images"));
  }

  void colour_gray_and_alpha_files_decode_exactly() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    // 2x1 RGB: (10, 20, 30) (200, 100, 50)
    write_png(dir / "rgb.png", 2, 1, 3, {10, 20, 30, 200, 100, 50});
    write_png(dir / "gray.png", 2, 1, 1, {7, 250});
    write_png(dir / "rgba.png", 1, 1, 4, {40, 50, 60, 0});
    const DecodedImage rgb = decode_image((dir / "rgb.png").string(), ImageColor::Rgb);
    QCOMPARE(rgb.channels, 3);
    QCOMPARE(rgb.height, 1);
    QCOMPARE(rgb.width, 2);
    // (C, H, W): R plane, G plane, B plane
    const std::vector<float> want{10, 200, 20, 100, 30, 50};
    for (size_t i = 0; i < want.size(); ++i) QCOMPARE(rgb.pixels[i], want[i] * (1.0f / 255.0f));
    const DecodedImage gray = decode_image((dir / "rgb.png").string(), ImageColor::Gray);
    QCOMPARE(gray.channels, 1);
    QCOMPARE(gray.pixels[0], (0.299f * 10 + 0.587f * 20 + 0.114f * 30) / 255.0f);
    QCOMPARE(gray.pixels[1], (0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255.0f);
    // a gray file: exact in Gray, repeated into R, G, B in Rgb
    const DecodedImage g1 = decode_image((dir / "gray.png").string(), ImageColor::Gray);
    QCOMPARE(g1.pixels, (std::vector<float>{u8(7), u8(250)}));
    const DecodedImage g3 = decode_image((dir / "gray.png").string(), ImageColor::Rgb);
    QCOMPARE(g3.pixels, (std::vector<float>{u8(7), u8(250), u8(7), u8(250), u8(7), u8(250)}));
    // alpha is dropped, not composited
    const DecodedImage a = decode_image((dir / "rgba.png").string(), ImageColor::Rgb);
    QCOMPARE(a.pixels, (std::vector<float>{u8(40), u8(50), u8(60)}));
  }

  void resize_area_bilinear_and_channels() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    // 4x4 RGB, each 2x2 block one value per channel: area to 2x2 gives the block values
    std::vector<unsigned char> px(4 * 4 * 3);
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x)
        for (int c = 0; c < 3; ++c)
          px[(y * 4 + x) * 3 + c] = static_cast<unsigned char>(40 * (2 * (y / 2) + x / 2) + c);
    write_png(root / "k" / "a.png", 4, 4, 3, px);
    const ImageFolderIndex index = scan_image_folder(root.string());
    const Dataset area = read_image_folder(index, ImageColor::Rgb, 2, ImageResize::Area);
    QCOMPARE(area.sample_shape, Shape({3, 2, 2}));
    for (int c = 0; c < 3; ++c)
      for (int b = 0; b < 4; ++b)
        QCOMPARE(area.features[static_cast<size_t>(c * 4 + b)], (40.0f * b + c) / 255.0f);
    const Dataset up = read_image_folder(index, ImageColor::Gray, 8, ImageResize::Auto);
    QCOMPARE(up.sample_shape, Shape({1, 8, 8}));
    // enlarging with Auto is bilinear: the corner keeps the block value, the middle blends
    const Dataset bil = read_image_folder(index, ImageColor::Gray, 8, ImageResize::Bilinear);
    QCOMPARE(up.features, bil.features);
    const Dataset up_area = read_image_folder(index, ImageColor::Gray, 8, ImageResize::Area);
    QVERIFY(up_area.features != bil.features);
    const Dataset native = read_image_folder(index, ImageColor::Rgb, 0, ImageResize::Auto);
    QCOMPARE(native.sample_shape, Shape({3, 4, 4}));
  }

  void committed_folder_loads_with_seeded_split() {
    DatasetSpec spec = folder_spec(test_images(), 16);
    const DatasetSplits a = load_dataset(spec);
    const int64_t total = a.train.size() + a.validation.size() + a.test.size();
    QCOMPARE(total, int64_t(36));
    QCOMPARE(a.train.sample_shape, Shape({3, 16, 16}));
    QCOMPARE(a.train.class_names, (std::vector<std::string>{"circle", "square", "triangle"}));
    QCOMPARE(a.train.num_classes, 3);
    QCOMPARE(a.train.input_mean.size(), size_t(3));  // per-channel normalization, as IDX
    QCOMPARE(a.test.input_mean, a.train.input_mean);
    const DatasetSplits b = load_dataset(spec);
    QCOMPARE(a.train.features, b.train.features);
    QCOMPARE(a.test.targets, b.test.targets);
    spec.seed = 2;
    const DatasetSplits c = load_dataset(spec);
    QCOMPARE(c.train.size(), a.train.size());
    QVERIFY(c.train.features != a.train.features);
    spec.color = ImageColor::Gray;
    spec.normalize = false;
    const DatasetSplits g = load_dataset(spec);
    QCOMPARE(g.train.sample_shape, Shape({1, 16, 16}));
    QVERIFY(g.train.input_mean.empty());
    for (float v : g.train.features) QVERIFY(v >= 0.0f && v <= 1.0f);
  }

  void errors_name_the_file_or_class() {
    QTemporaryDir tmp;
    const fs::path root = tmp.path().toStdString();
    const std::vector<unsigned char> px(4 * 3, 100);
    // unreadable file, named
    write_png(root / "bad" / "ok" / "1.png", 2, 2, 3, px);
    write_text(root / "bad" / "ok" / "2.png", "this is not a PNG");
    std::string e = error_of([&] { load_dataset(folder_spec((root / "bad").string(), 8)); });
    QVERIFY2(e.find("2.png") != std::string::npos && e.find("not a readable") != std::string::npos,
             e.c_str());
    // empty class, named
    write_png(root / "empty" / "full" / "1.png", 2, 2, 3, px);
    fs::create_directories(root / "empty" / "nothing");
    write_text(root / "empty" / "nothing" / "readme.txt", "x");
    e = error_of([&] { scan_image_folder((root / "empty").string()); });
    QVERIFY2(e.find("'nothing' has no images") != std::string::npos, e.c_str());
    // no class folders
    write_png(root / "flat" / "1.png", 2, 2, 3, px);
    e = error_of([&] { scan_image_folder((root / "flat").string()); });
    QVERIFY2(e.find("no class folders") != std::string::npos, e.c_str());
    // missing folder, no folder chosen
    e = error_of([&] { scan_image_folder((root / "missing").string()); });
    QVERIFY2(e.find("does not exist") != std::string::npos, e.c_str());
    e = error_of([&] { load_dataset(folder_spec("", 8)); });
    QVERIFY2(e.find("no folder chosen") != std::string::npos, e.c_str());
    // mixed sizes without a resize: the file that differs, and what to set
    e = error_of([&] { load_dataset(folder_spec(test_images(), 0)); });
    QVERIFY2(e.find("05.png is 40x30 pixels") != std::string::npos &&
                 e.find("set the data set's resize") != std::string::npos,
             e.c_str());
  }

  void project_keys_round_trip_and_path_is_relative_to_the_project() {
    Project p;
    p.dataset = folder_spec("images", 32);
    p.dataset.color = ImageColor::Gray;
    p.dataset.resize_mode = ImageResize::Bilinear;
    const std::string text = project_to_json(p);
    QVERIFY2(text.find("\"source\": \"image-folder\"") != std::string::npos, text.c_str());
    QVERIFY2(text.find("\"color\": \"gray\"") != std::string::npos, text.c_str());
    QVERIFY2(text.find("\"resize_mode\": \"bilinear\"") != std::string::npos, text.c_str());
    QCOMPARE(parse_project(text), p);
    std::string bad = text;
    bad.replace(bad.find("\"gray\""), 6, "\"sepia\"");
    const std::string e = error_of([&] { parse_project(bad, "p.json"); });
    QVERIFY2(e.find("sepia") != std::string::npos && e.find("rgb, gray") != std::string::npos,
             e.c_str());
    QTemporaryDir tmp;
    const fs::path file = fs::path(tmp.path().toStdString()) / "sub" / "p.json";
    fs::create_directories(file.parent_path());
    write_project(p, file.string());
    const Project back = read_project(file.string());
    QCOMPARE(back.dataset.path, (file.parent_path() / "images").string());
    p.dataset.path = "/abs/images";
    write_project(p, file.string());
    QCOMPARE(read_project(file.string()).dataset.path, std::string("/abs/images"));
  }

  void small_rgb_cnn_learns_the_test_images() {
    const Project project =
        read_project(std::string(BP_SOURCE_DIR) + "/tests/data/image_folder_cnn.json");
    QCOMPARE(project.dataset.path, fs::path(test_images()).lexically_normal().string());
    const DatasetSplits data = load_dataset(project.dataset);
    QCOMPARE(data.train.sample_shape, Shape({3, 16, 16}));
    CpuBackend backend;
    Model model(project.network, backend, project.training.seed);
    Trainer trainer(model, data, project.training);
    QVERIFY(trainer.run(nullptr, nullptr));
    const Metrics test = trainer.evaluate(data.test);
    qInfo("test accuracy %.3f on %lld images (chance 0.333)", test.accuracy,
          static_cast<long long>(test.samples));
    QCOMPARE(test.samples, int64_t(18));
    QVERIFY2(test.accuracy > 0.6, qPrintable(QString::number(test.accuracy)));
  }
};

QTEST_APPLESS_MAIN(TestImageFolder)
#include "test_image_folder.moc"
