// Regression with several target columns (issue 10): a CSV whose two target columns are linear
// functions of the two features trains a 2-output network through `backprop train` to a small
// test loss, and `evaluate` on the written model.json agrees.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "tests/cli/cli_runner.h"

using namespace bp::test;

class TestCliMultiTarget : public QObject {
  Q_OBJECT
 private slots:
  void two_target_columns_train_a_two_output_network() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // y_sum = a + b, y_diff = a - b; the targets come first and in the other order than named
    QString csv = "y_diff,a,y_sum,b\n";
    for (int i = 0; i < 300; ++i) {
      const double a = std::sin(i * 0.37) * 2.0, b = std::cos(i * 0.91);
      csv += QString("%1,%2,%3,%4\n").arg(a - b).arg(a).arg(a + b).arg(b);
    }
    QFile data(tmp.filePath("sums.csv"));
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write(csv.toUtf8());
    data.close();
    const QString project = QString(R"({"format": "backprop-studio-project", "version": 1,
 "network": {"nodes": [
  {"id": 1, "kind": "Input", "name": "input", "params": {"input_shape": [2]}},
  {"id": 2, "kind": "Linear", "name": "fc1", "params": {"out_features": 16, "activation": "Tanh"}},
  {"id": 3, "kind": "Linear", "name": "fc2", "params": {"out_features": 2}}],
  "edges": [{"id": 1, "from": 1, "to": 2, "port": 0}, {"id": 2, "from": 2, "to": 3, "port": 0}]},
 "training": {"loss": "MSELoss", "optimizer": {"kind": "Adam", "lr": 0.01}, "epochs": 60,
              "batch_size": 16, "seed": 3},
 "dataset": {"source": "csv", "path": "%1", "task": "regression",
             "target_columns": ["y_sum", "y_diff"]}})")
                                .arg(tmp.filePath("sums.csv"));
    QFile p(tmp.filePath("p.json"));
    QVERIFY(p.open(QIODevice::WriteOnly));
    p.write(project.toUtf8());
    p.close();

    const QString out = tmp.filePath("run");
    CliResult r = run_cli({"train", tmp.filePath("p.json"), "--out", out, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"evaluate", out + "/model.json"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const QJsonObject m = parse_json_line(r.out);
    // The targets' variance is about 2.5; a linear map learnt this well leaves < 0.02.
    QVERIFY2(m["loss"].toDouble() < 0.02, qPrintable(r.out));
    QVERIFY(m["accuracy"].isNull());
    // model.json keeps the target columns
    QVERIFY(read_text(out + "/model.json").contains("\"target_columns\": [\"y_sum\", \"y_diff\"]"));
  }
};

QTEST_GUILESS_MAIN(TestCliMultiTarget)
#include "test_cli_multi_target.moc"
