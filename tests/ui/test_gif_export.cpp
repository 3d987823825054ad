// The GIF encoder (ui/report/gif_encoder.h) and the decision-boundary animation: what we write is
// read back by Qt's GIF decoder pixel for pixel (noise images force the LZW table to fill and
// clear many times), with the frame count and delays asked for; OpenCV (FFmpeg) reads the same
// frame count, an oracle of its own.
#include <QBuffer>
#include <QGuiApplication>
#include <QImageReader>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

#include "tests/common/oracle.h"
#include "tests/ui/training_test_util.h"
#include "ui/report/boundary_animation.h"
#include "ui/report/gif_encoder.h"

using namespace bp;
using namespace bp::ui;

class TestGifExport : public QObject {
  Q_OBJECT

 private slots:
  void noiseFramesDecodeExactly();
  void lzwStreamStartsWithClearAndEndsWithEnd();
  void boundaryAnimationHasTheFramesAskedFor();
  void openCvReadsTheAnimation();
  void animationRefusesImageData();
};

namespace {

// A colour the 15-bit palette represents exactly (5 bits per primary, widened as the encoder does).
QRgb exact(int r5, int g5, int b5) {
  auto level = [](int five) { return (five << 3) | (five >> 2); };
  return qRgb(level(r5), level(g5), level(b5));
}

std::vector<QImage> noise_frames(int n, QSize size, int colours, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<QRgb> palette;
  for (int i = 0; i < colours; ++i)
    palette.push_back(exact(static_cast<int>(rng() % 32), static_cast<int>(rng() % 32),
                            static_cast<int>(rng() % 32)));
  std::vector<QImage> frames;
  for (int f = 0; f < n; ++f) {
    QImage img(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y)
      for (int x = 0; x < size.width(); ++x)
        // Noise on the left half (many table resets), runs on the right (long codes).
        img.setPixel(x, y,
                     x < size.width() / 2 ? palette[rng() % palette.size()]
                                          : palette[static_cast<size_t>((y / 7 + f) % colours)]);
    frames.push_back(img);
  }
  return frames;
}

std::vector<QImage> decode(const QByteArray& gif, std::vector<int>* delays = nullptr) {
  QByteArray copy = gif;
  QBuffer buffer(&copy);
  buffer.open(QIODevice::ReadOnly);
  QImageReader reader(&buffer, "gif");
  std::vector<QImage> frames;
  while (reader.canRead()) {
    const QImage img = reader.read();
    if (img.isNull()) break;
    if (delays) delays->push_back(reader.nextImageDelay());
    frames.push_back(img.convertToFormat(QImage::Format_RGB32));
  }
  return frames;
}

}  // namespace

void TestGifExport::noiseFramesDecodeExactly() {
  const QSize size(173, 91);  // odd sizes: no accidental alignment
  const auto frames = noise_frames(3, size, 200, 11);
  GifEncoder gif(size, 7);
  for (size_t i = 0; i < frames.size(); ++i) gif.addFrame(frames[i], i == 2 ? 150 : -1);
  QCOMPARE(gif.frameCount(), 3);
  const QByteArray bytes = gif.finish();
  QVERIFY(bytes.startsWith("GIF89a"));
  QVERIFY(bytes.endsWith(";"));
  std::vector<int> delays;
  const auto back = decode(bytes, &delays);
  QCOMPARE(back.size(), frames.size());
  for (size_t f = 0; f < frames.size(); ++f) {
    QCOMPARE(back[f].size(), size);
    for (int y = 0; y < size.height(); ++y)
      for (int x = 0; x < size.width(); ++x)
        if (back[f].pixel(x, y) != frames[f].pixel(x, y))
          QFAIL(qPrintable(QString("frame %1 pixel (%2, %3): %4 instead of %5")
                               .arg(f)
                               .arg(x)
                               .arg(y)
                               .arg(back[f].pixel(x, y), 0, 16)
                               .arg(frames[f].pixel(x, y), 0, 16)));
  }
  QCOMPARE(delays[0], 70);  // milliseconds
  QCOMPARE(delays[2], 1500);
}

void TestGifExport::lzwStreamStartsWithClearAndEndsWithEnd() {
  // Four symbols of 2 bits: clear (4), 0, 1, 2 in 3 bits; adding table entry 8 widens the codes,
  // so 3 and end (5) take 4 bits, as a decoder whose table reached 8 entries reads them.
  const QByteArray s = gif_lzw_encode({0, 1, 2, 3}, 2);
  QCOMPARE(s.size(), 3);  // 20 bits
  const uint32_t v = static_cast<uint32_t>(static_cast<uint8_t>(s[0])) |
                     static_cast<uint32_t>(static_cast<uint8_t>(s[1])) << 8 |
                     static_cast<uint32_t>(static_cast<uint8_t>(s[2])) << 16;
  const int widths[] = {3, 3, 3, 3, 4, 4};
  const int expected[] = {4, 0, 1, 2, 3, 5};
  int at = 0;
  for (int i = 0; i < 6; ++i) {
    QCOMPARE(static_cast<int>((v >> at) & ((1u << widths[i]) - 1)), expected[i]);
    at += widths[i];
  }
  QCOMPARE(v >> at, 0u);  // padding
}

void TestGifExport::boundaryAnimationHasTheFramesAskedFor() {
  Project p = test::toy_project(ToyKind::Circle, 0.1f);
  p.training.epochs = 12;
  AnimationOptions options;
  options.frames = 5;
  options.size = QSize(200, 220);
  int reported = 0;
  const Animation a = boundary_animation(p, options, [&](int frame, int frames) {
    QCOMPARE(frames, 5);
    reported = frame;
  });
  QCOMPARE(a.frames, 5);
  QCOMPARE(reported, 5);
  QCOMPARE(a.epochs, 12);
  std::vector<int> delays;
  const auto frames = decode(a.gif, &delays);
  QCOMPARE(frames.size(), size_t{5});
  QCOMPARE(frames[0].size(), QSize(200, 220));
  QCOMPARE(delays.back(), 2000);  // the last frame stays two seconds
  // The boundary moves: the first and the last frame differ in many pixels.
  int changed = 0;
  for (int y = 0; y < 220; ++y)
    for (int x = 0; x < 200; ++x)
      changed += frames.front().pixel(x, y) != frames.back().pixel(x, y);
  QVERIFY2(changed > 2000, qPrintable(QString::number(changed)));
  // Deterministic: the same project gives the same file.
  QCOMPARE(boundary_animation(p, options).gif, a.gif);
  // Fewer epochs than frames: one frame per epoch, epoch 0 included.
  p.training.epochs = 2;
  QCOMPARE(boundary_animation(p, options).frames, 3);
}

void TestGifExport::openCvReadsTheAnimation() {
  BP_REQUIRE_ORACLE(test::python_imports({"cv2"}), "OpenCV for Python", "python3-opencv");
  Project p = test::toy_project(ToyKind::Xor, 0.1f);
  p.training.epochs = 9;
  AnimationOptions options;
  options.frames = 4;
  options.size = QSize(160, 180);
  const Animation a = boundary_animation(p, options);
  QTemporaryDir dir;
  const QString path = dir.filePath("a.gif");
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(a.gif);
  f.close();
  QProcess py;
  py.start("/usr/bin/python3", {"-c",
                                "import cv2,sys\n"
                                "c=cv2.VideoCapture(sys.argv[1], cv2.CAP_FFMPEG)\n"
                                "n=0\n"
                                "while True:\n"
                                "  ok,f=c.read()\n"
                                "  if not ok: break\n"
                                "  n+=1; shape=f.shape\n"
                                "print(n, shape[1], shape[0])\n",
                                path});
  QVERIFY(py.waitForFinished(60000));
  const QString out = QString::fromUtf8(py.readAllStandardOutput()).trimmed();
  QCOMPARE(out, QString("4 160 180"));
}

void TestGifExport::animationRefusesImageData() {
  Project p = test::toy_project();
  p.dataset.toy = ToyKind::Sine1d;  // 1-D regression: no plane
  p.network = make_sequential(
      Shape{1}, {test::dense(4, Activation::Tanh), test::dense(1, Activation::Identity)});
  p.training.loss = LossKind::MSELoss;
  p.training.epochs = 3;
  try {
    boundary_animation(p, AnimationOptions{});
    QFAIL("a 1-D dataset was animated");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("two-dimensional"), e.what());
  }
}

BP_ORACLE_TEST_MAIN_WRAPPER(TestGifExport, QGuiApplication app(argc, argv);)
#include "test_gif_export.moc"
