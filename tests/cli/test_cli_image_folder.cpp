// An image folder through the `backprop` CLI: tests/data/image_folder_cnn.json names
// datasets/test-images relative to itself (the CLI runs in another folder); `info` shows the
// classes, counts and sample size; `train` + `evaluate` beat chance with a 3-channel CNN; a folder
// with an unreadable image exits 2 naming the file.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/cli/cli_runner.h"

using namespace bp::test;

namespace {
QString project_file() {
  return source_path("tests/data/image_folder_cnn.json");
}
}  // namespace

class TestCliImageFolder : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(backprop_path()), qPrintable(backprop_path()));
    QVERIFY(tmp_.isValid());
    QVERIFY(QDir::currentPath() != QFileInfo(project_file()).absolutePath());
  }

  void info_shows_classes_and_sizes() {
    const CliResult r = run_cli({"info", project_file()});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("3 classes (circle 12, square 12, triangle 12), 36 images"),
             qPrintable(r.out));
    QVERIFY2(r.out.contains("samples (3, 16, 16) (RGB, resized to 16x16); train 18, "
                            "validation 0, test 18"),
             qPrintable(r.out));
    QVERIFY(r.out.contains(QRegularExpression("conv1\\s+Conv2d\\s+\\(8, 16, 16\\)\\s+224")));
  }

  void trains_and_evaluates_above_chance() {
    const QString out = tmp_.filePath("run");
    CliResult r = run_cli({"train", project_file(), "--out", out, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"evaluate", out + "/model.json"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const QJsonObject m = parse_json_line(r.out);
    QCOMPARE(m["samples"].toInt(), 18);
    qInfo("test accuracy %.3f (chance 0.333)", m["accuracy"].toDouble());
    QVERIFY2(m["accuracy"].toDouble() > 0.6, qPrintable(r.out));
  }

  void unreadable_image_exits_2_naming_it() {
    QDir root(tmp_.filePath("broken"));
    QVERIFY(root.mkpath("cats") && root.mkpath("dogs"));
    QVERIFY(QFile::copy(source_path("datasets/test-images/circle/01.png"),
                        root.filePath("cats/1.png")));
    QFile bad(root.filePath("dogs/truncated.jpg"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("\xff\xd8\xff not really a jpeg");
    bad.close();
    QString text = read_text(project_file());
    text.replace("../../datasets/test-images", root.absolutePath());
    const QString project = tmp_.filePath("broken.json");
    QFile f(project);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    f.close();
    const CliResult r = run_cli({"train", project, "--out", tmp_.filePath("broken-run")});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("truncated.jpg") && r.err.contains("not a readable"),
             qPrintable(describe(r)));
  }

 private:
  QTemporaryDir tmp_;
};

QTEST_GUILESS_MAIN(TestCliImageFolder)
#include "test_cli_image_folder.moc"
