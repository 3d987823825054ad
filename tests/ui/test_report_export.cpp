// The experiment report (ui/report/report_writer.h) and `backprop export --report/--animation`:
// the HTML has every section and every inline image decodes; the PDF renders with pdftoppm
// (poppler-utils, an oracle) to pages that are not blank; the CLI writes both, and the animation,
// and exits 2 with a message for bad input.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/data/dataset_spec.h"
#include "engine/graph/model.h"
#include "engine/train/trainer.h"
#include "tests/common/oracle.h"
#include "tests/ui/training_test_util.h"
#include "ui/report/report_data.h"
#include "ui/report/report_writer.h"

using namespace bp;
using namespace bp::ui;

class TestReportExport : public QObject {
  Q_OBJECT

 private slots:
  void htmlHasEverySectionAndImagesDecode();
  void untrainedProjectSaysSo();
  void pdfRendersToPages();
  void cliWritesReportsAndAnimation();
  void cliRefusesBadInput();

 private:
  QTemporaryDir dir_;
};

namespace {

// The toy project trained for a few epochs, with its weights and history.
Project trained_project(int epochs = 6) {
  Project p = test::toy_project(ToyKind::Circle, 0.1f);
  p.name = "report test";
  p.training.epochs = epochs;
  CpuBackend backend(1);
  const DatasetSplits data = load_dataset(p.dataset);
  Model model(p.network, backend, p.training.seed);
  Trainer trainer(model, data, p.training);
  for (int e = 0; e < epochs; ++e) trainer.run_epoch();
  p.weights = model.params().to_host(backend);
  p.training_state = trainer.state();
  return p;
}

struct InlineImage {
  QString mime;
  QByteArray bytes;
};

std::vector<InlineImage> inline_images(const QString& html) {
  std::vector<InlineImage> images;
  static const QRegularExpression re(R"re(src="data:(image/[a-z+]+);base64,([A-Za-z0-9+/=]+)")re");
  for (auto it = re.globalMatch(html); it.hasNext();) {
    const auto m = it.next();
    images.push_back({m.captured(1), QByteArray::fromBase64(m.captured(2).toLatin1())});
  }
  return images;
}

struct CliResult {
  int code = -1;
  QString out, err;
};

CliResult run_cli(const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");  // the CLI must work without a display
  env.remove("QT_QPA_PLATFORM");
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(BP_BIN_DIR "/backprop"), args);
  if (!p.waitForFinished(240000)) return {};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

QString describe(const CliResult& r) {
  return QString("exit %1\nstdout: %2\nstderr: %3").arg(r.code).arg(r.out, r.err);
}

// The share of pixels of `image` that are not (near) white.
double ink(const QImage& image) {
  int64_t dark = 0, all = 0;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2, ++all) dark += qGray(image.pixel(x, y)) < 200;
  return all ? static_cast<double>(dark) / static_cast<double>(all) : 0.0;
}

}  // namespace

void TestReportExport::htmlHasEverySectionAndImagesDecode() {
  const Project p = trained_project();
  const ReportData data = collect_report(p);
  QVERIFY(data.trained);
  QCOMPARE(data.history.size(), size_t{6});
  QVERIFY(data.confusion);
  QVERIFY(data.test && data.test->samples > 0);
  const QString html = report_html(data);
  for (const char* id : kReportSections)
    QVERIFY2(html.contains(QStringLiteral("id=\"%1\"").arg(QLatin1String(id))), id);
  QVERIFY(html.contains("id=\"boundary\""));  // 2-D data
  QVERIFY(html.contains("Training seed <b>7</b>"));
  QVERIFY(html.contains("optimizer.lr"));
  QVERIFY(html.contains("report test"));
  // Self-contained: nothing but inline images.
  QVERIFY(!html.contains("src=\"http") && !html.contains("src=\"file"));
  const auto images = inline_images(html);
  QCOMPARE(images.size(), size_t{4});  // network, curves, confusion matrix, boundary
  int svgs = 0;
  for (const InlineImage& img : images) {
    if (img.mime == "image/svg+xml") {
      QSvgRenderer svg(img.bytes);
      QVERIFY2(svg.isValid(), qPrintable(img.mime));
      QVERIFY(svg.defaultSize().width() > 100);
      ++svgs;
    } else {
      QCOMPARE(img.mime, QString("image/png"));
      const QImage decoded = QImage::fromData(img.bytes, "PNG");
      QVERIFY(!decoded.isNull());
      QVERIFY(decoded.width() > 300);
      QVERIFY2(ink(decoded) > 0.05, "a blank figure");
    }
  }
  QCOMPARE(svgs, 2);  // the network and the curves are vector figures
  // The metrics table states the test accuracy the engine computes.
  QVERIFY(html.contains(QString::number(100.0 * data.test->accuracy, 'f', 2) + " %"));
}

void TestReportExport::untrainedProjectSaysSo() {
  Project p = test::toy_project();
  const ReportData data = collect_report(p);
  QVERIFY(!data.trained);
  QVERIFY(data.history.empty());
  const QString html = report_html(data);
  QVERIFY(html.contains("holds no trained weights"));
  QVERIFY(html.contains("No epochs recorded"));
  for (const char* id : kReportSections)
    QVERIFY2(html.contains(QStringLiteral("id=\"%1\"").arg(QLatin1String(id))), id);
  // A network that does not build is refused with what is wrong.
  p.network.edges.clear();
  QVERIFY_THROWS_EXCEPTION(Error, collect_report(p));
}

void TestReportExport::pdfRendersToPages() {
  BP_REQUIRE_ORACLE(!QStandardPaths::findExecutable("pdftoppm").isEmpty(), "pdftoppm",
                    "poppler-utils");
  const QString pdf = dir_.filePath("report.pdf");
  QString error;
  QVERIFY2(write_report(collect_report(trained_project()), pdf, ReportFormat::Pdf, &error),
           qPrintable(error));
  QFile f(pdf);
  QVERIFY(f.open(QIODevice::ReadOnly));
  QVERIFY(f.read(5) == "%PDF-");
  f.close();
  QProcess p;
  p.start("pdftoppm", {"-png", "-r", "50", pdf, dir_.filePath("page")});
  QVERIFY(p.waitForFinished(60000));
  QCOMPARE(p.exitCode(), 0);
  const QStringList pages = QDir(dir_.path()).entryList({"page*.png"}, QDir::Files, QDir::Name);
  QVERIFY2(pages.size() >= 2, qPrintable(pages.join(", ")));
  const QImage first(dir_.filePath(pages.front()));
  QVERIFY(!first.isNull());
  QVERIFY2(ink(first) > 0.01, qPrintable(QString::number(ink(first))));
  const QString shots = qEnvironmentVariable("BP_SCREENSHOT_DIR");
  if (!shots.isEmpty())
    for (const QString& page : pages) QFile::copy(dir_.filePath(page), shots + "/report-" + page);
}

void TestReportExport::cliWritesReportsAndAnimation() {
  const QString project = dir_.filePath("trained.json");
  write_project(trained_project(), project.toStdString());
  const QString html = dir_.filePath("cli.html"), pdf = dir_.filePath("cli.pdf"),
                gif = dir_.filePath("cli.gif");
  const CliResult r = run_cli(
      {"export", project, "--report", html, "--animation", gif, "--frames", "4", "--epochs", "9"});
  QVERIFY2(r.code == 0, qPrintable(describe(r)));
  QVERIFY2(r.out.contains("wrote " + html), qPrintable(describe(r)));
  QVERIFY2(r.out.contains("4 frames, epochs 0 to 9"), qPrintable(describe(r)));
  QFile h(html);
  QVERIFY(h.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(h.readAll());
  for (const char* id : kReportSections)
    QVERIFY2(text.contains(QStringLiteral("id=\"%1\"").arg(QLatin1String(id))), id);
  QImageReader reader(gif);
  QCOMPARE(reader.imageCount(), 4);
  const CliResult r2 = run_cli({"export", project, "--report", pdf});
  QVERIFY2(r2.code == 0, qPrintable(describe(r2)));
  QFile p(pdf);
  QVERIFY(p.open(QIODevice::ReadOnly));
  QVERIFY(p.read(5) == "%PDF-");
}

void TestReportExport::cliRefusesBadInput() {
  const QString project = dir_.filePath("plain.json");
  write_project(test::toy_project(), project.toStdString());
  struct Case {
    QStringList args;
    QString says;
  };
  const QList<Case> cases = {
      {{"export", project, "--report", dir_.filePath("r.txt")}, ".html or .pdf"},
      {{"export", project, "--animation", dir_.filePath("a.png")}, ".gif"},
      {{"export", project, "--animation", dir_.filePath("a.gif"), "--frames", "1"}, "--frames"},
      {{"export", project, "--animation", dir_.filePath("a.gif"), "--epochs", "0"}, "--epochs"},
      {{"export", dir_.filePath("missing.json"), "--report", dir_.filePath("r.html")},
       "missing.json"},
      {{"export", project}, "--report"},
  };
  for (const Case& c : cases) {
    const CliResult r = run_cli(c.args);
    QVERIFY2(r.code == 2, qPrintable(c.args.join(' ') + "\n" + describe(r)));
    QVERIFY2(r.err.contains(c.says), qPrintable(c.args.join(' ') + "\n" + describe(r)));
  }
  // An image dataset has no plane to animate.
  Project digits = test::toy_project();
  digits.dataset.source = DatasetSource::MnistDigits;
  digits.dataset.max_train = 50;
  digits.dataset.max_test = 20;
  digits.network = make_sequential(Shape{1, 28, 28}, {});
  NodeSpec flatten;
  flatten.kind = NodeKind::Flatten;
  digits.network =
      make_sequential(Shape{1, 28, 28}, {flatten, test::dense(10, Activation::Identity)});
  digits.training.epochs = 1;
  const QString image_project = dir_.filePath("digits.json");
  write_project(digits, image_project.toStdString());
  const CliResult r = run_cli({"export", image_project, "--animation", dir_.filePath("d.gif")});
  QVERIFY2(r.code == 2 && r.err.contains("two-dimensional"), qPrintable(describe(r)));
}

BP_ORACLE_TEST_MAIN_WRAPPER(TestReportExport, QGuiApplication app(argc, argv);)
#include "test_report_export.moc"
