// The image examples through the `backprop` CLI: each trains (a few epochs) and `evaluate` on the
// written model.json reaches the test accuracy the project states. Fashion-MNIST is skipped,
// visibly, when Debian's dataset-fashion-mnist is not installed.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/io/project.h"
#include "tests/cli/cli_runner.h"
#include "tests/common/oracle.h"

using namespace bp;
using namespace bp::test;

class TestCliImages : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(backprop_path()), qPrintable(backprop_path()));
    QVERIFY(tmp_.isValid());
  }

  void image_examples_reach_their_stated_accuracy_data() {
    QTest::addColumn<QString>("name");
    for (const char* n :
         {"mlp-digits", "lenet5-digits", "residual-cnn-digits", "lecun1989-net1", "lecun1989-net2",
          "lecun1989-net3", "lecun1989-net4", "lecun1989-net5", "lenet5-fashion"})
      QTest::newRow(n) << QString(n);
  }
  void image_examples_reach_their_stated_accuracy() {
    QFETCH(QString, name);
    const Project project = read_project(example_path(name).toStdString());
    if (project.dataset.source == DatasetSource::FashionMnist)
      BP_REQUIRE_ORACLE(QDir("/usr/share/datasets/fashion-mnist").exists(), "Fashion-MNIST",
                        "dataset-fashion-mnist");
    const QString out = tmp_.filePath(name);
    CliResult r = run_cli({"train", example_path(name), "--out", out, "--quiet"}, 600000);
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"evaluate", out + "/model.json"}, 120000);
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const QJsonObject m = parse_json_line(r.out);
    QVERIFY2(m["samples"].toInt() > 0, qPrintable(r.out));
    QVERIFY(project.expected_test_accuracy > 0.0);
    qInfo("%s: test accuracy %.4f (stated >= %.2f), %d samples", qPrintable(name),
          m["accuracy"].toDouble(), project.expected_test_accuracy, m["samples"].toInt());
    QVERIFY2(m["accuracy"].toDouble() >= project.expected_test_accuracy,
             qPrintable(QString("%1: test accuracy %2 < stated %3")
                            .arg(name)
                            .arg(m["accuracy"].toDouble())
                            .arg(project.expected_test_accuracy)));
  }

  void info_shows_the_lenet_shapes() {
    const CliResult r = run_cli({"info", example_path("lenet5-digits")});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains(QRegularExpression("conv1\\s+Conv2d\\s+\\(6, 28, 28\\)\\s+156")));
    QVERIFY(r.out.contains(QRegularExpression("conv2\\s+Conv2d\\s+\\(16, 10, 10\\)\\s+2416")));
    QVERIFY(r.out.contains(QRegularExpression("flatten1\\s+Flatten\\s+\\(400\\)")));
    // 156 + 2416 + 48120 + 10164 + 850
    QVERIFY(r.out.contains("total parameters: 61706"));
  }

 private:
  QTemporaryDir tmp_;
};

BP_ORACLE_TEST_MAIN(TestCliImages)
#include "test_cli_images.moc"
