// Image decoding against OpenCV (Debian's python3-opencv, cv2.imread): every file of the committed
// datasets/test-images decodes to OpenCV's pixels, exactly for PNG and BMP (colour, gray, alpha)
// and within a small tolerance for JPEG (decoders may round the IDCT and chroma upsampling
// differently). Gray conversion is checked against cv2.cvtColor(COLOR_BGR2GRAY) of that colour
// decoding within one level for PNG/BMP (OpenCV rounds its fixed-point weights; the engine keeps
// the float). Not IMREAD_GRAYSCALE: for a JPEG that is the luma plane before chroma upsampling.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "engine/data/image_folder.h"
#include "tests/common/oracle.h"

using namespace bp;

namespace {

// For each file: <i>.rgb (H, W, 3) RGB bytes and <i>.gray (H, W) bytes, and one line
// "H W" on standard output, in the order of the file list given as arguments.
constexpr const char* kOracle = R"PY(
import sys, cv2
out = sys.argv[1]
for i, f in enumerate(sys.argv[2:]):
    bgr = cv2.imread(f, cv2.IMREAD_COLOR)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    open(f"{out}/{i}.rgb", "wb").write(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).tobytes())
    open(f"{out}/{i}.gray", "wb").write(gray.tobytes())
    print(bgr.shape[0], bgr.shape[1])
)PY";

std::vector<unsigned char> read_bytes(const QString& file) {
  std::ifstream in(file.toStdString(), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool is_jpeg(const std::string& file) {
  std::string ext = std::filesystem::path(file).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".jpg" || ext == ".jpeg";
}

}  // namespace

class TestImageFolderOracle : public QObject {
  Q_OBJECT
 private slots:
  void pixels_equal_opencv_decoding() {
    BP_REQUIRE_ORACLE(bp::test::python_imports({"cv2"}), "OpenCV for Python (cv2)",
                      "python3-opencv");
    const ImageFolderIndex index =
        scan_image_folder(std::string(BP_SOURCE_DIR) + "/datasets/test-images");
    QTemporaryDir tmp;
    QStringList args{"-c", kOracle, tmp.path()};
    for (const auto& e : index.images) args << QString::fromStdString(e.file);
    QProcess py;
    py.start("/usr/bin/python3", args);
    QVERIFY(py.waitForFinished(120000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
    const QStringList sizes = QString(py.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(sizes.size(), static_cast<qsizetype>(index.images.size()));
    int exact_files = 0, jpeg_files = 0;
    for (size_t i = 0; i < index.images.size(); ++i) {
      const std::string& file = index.images[i].file;
      const QStringList hw = sizes[static_cast<qsizetype>(i)].split(' ');
      const DecodedImage rgb = decode_image(file, ImageColor::Rgb);
      const DecodedImage gray = decode_image(file, ImageColor::Gray);
      QCOMPARE(rgb.height, hw[0].toInt());
      QCOMPARE(rgb.width, hw[1].toInt());
      const std::vector<unsigned char> cv_rgb = read_bytes(tmp.filePath(QString("%1.rgb").arg(i)));
      const std::vector<unsigned char> cv_gray =
          read_bytes(tmp.filePath(QString("%1.gray").arg(i)));
      const int64_t plane = static_cast<int64_t>(rgb.height) * rgb.width;
      QCOMPARE(static_cast<int64_t>(cv_rgb.size()), 3 * plane);
      QCOMPARE(static_cast<int64_t>(cv_gray.size()), plane);
      double max_diff = 0.0, sum_diff = 0.0, max_gray = 0.0;
      for (int64_t p = 0; p < plane; ++p) {
        for (int c = 0; c < 3; ++c) {
          const double ours = static_cast<double>(rgb.pixels[c * plane + p]) * 255.0;
          const double d = std::fabs(ours - cv_rgb[p * 3 + c]);
          max_diff = std::max(max_diff, d);
          sum_diff += d;
        }
        max_gray =
            std::max(max_gray, std::fabs(static_cast<double>(gray.pixels[p]) * 255.0 - cv_gray[p]));
      }
      const double mean_diff = sum_diff / static_cast<double>(3 * plane);
      const QByteArray where = QString("%1: max |diff| %2, mean %3 (8-bit levels), gray max %4")
                                   .arg(QString::fromStdString(file))
                                   .arg(max_diff)
                                   .arg(mean_diff)
                                   .arg(max_gray)
                                   .toUtf8();
      if (is_jpeg(file)) {
        ++jpeg_files;
        QVERIFY2(max_diff <= 4.0 && mean_diff <= 0.5, where.constData());  // measured: 2, 0.19
        QVERIFY2(max_gray <= 3.0, where.constData());
      } else {
        ++exact_files;
        QVERIFY2(max_diff < 1e-3, where.constData());  // the same bytes
        QVERIFY2(max_gray <= 1.0 + 1e-3, where.constData());
      }
      qInfo("%s", where.constData());
    }
    QCOMPARE(exact_files, 27);  // 8 PNG + 1 BMP per class
    QCOMPARE(jpeg_files, 9);
  }
};

BP_ORACLE_TEST_APPLESS_MAIN(TestImageFolderOracle)
#include "test_image_folder_oracle.moc"
