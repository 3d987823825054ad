// `backprop train` reports training health: each finding is printed as it fires, and
// metrics.csv holds a gradient-norm column per parameter (named after it), so a script can plot
// gradient flow: a 10-layer sigmoid net shows its first layer's norm collapse and is told so; the
// spiral example trains without a finding.
#include <QTemporaryDir>
#include <QtTest>

#include "engine/io/project.h"
#include "tests/cli/cli_runner.h"
#include "tests/common/inside_nets.h"

using namespace bp;
using namespace bp::test;

class TestCliHealth : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void deep_sigmoid_net_vanishes_and_is_told_so() {
    Project p = read_project(example_path("spiral").toStdString());
    p.network = mlp(2, 9, 16, Activation::Sigmoid, 2);
    p.weights.clear();
    p.training_state.reset();
    p.training.optimizer.kind = OptimizerKind::SGD;
    p.training.optimizer.lr = 0.1f;
    p.training.schedule = {};
    p.training.epochs = 3;
    const QString path = tmp_.filePath("deep-sigmoid.json");
    write_project(p, path.toStdString());
    const QString out = tmp_.filePath("deep-out");
    const CliResult r = run_cli({"train", path, "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("health [vanishing-gradients] epoch 1: Vanishing gradients"),
             qPrintable(describe(r)));
    QVERIFY2(r.out.contains("try: Use ReLU with He"), qPrintable(describe(r)));
    QCOMPARE(r.out.count("health [vanishing-gradients]"), 1);  // printed once, as it fires

    const QStringList lines = read_text(out + "/metrics.csv").split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    const QStringList header = lines[0].split(',');
    const int first = static_cast<int>(header.indexOf("grad_norm.fc1.weight"));
    const int last = static_cast<int>(header.indexOf("grad_norm.fc10.weight"));
    QVERIFY2(first == 7 && last > first, qPrintable(lines[0]));
    QCOMPARE(header.size(), 7 + 20);  // weight and bias of 10 layers
    for (int i = 1; i < lines.size(); ++i) {
      const QStringList f = lines[i].split(',');
      const double a = f[first].toDouble(), b = f[last].toDouble();
      QVERIFY2(a > 0.0 && b > 0.0 && a < 1e-3 * b, qPrintable(lines[i]));
    }
  }

  void spiral_trains_without_findings() {
    const QString out = tmp_.filePath("spiral-out");
    const CliResult r = run_cli({"train", example_path("spiral"), "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(!r.out.contains("health ["), qPrintable(describe(r)));
  }

 private:
  QTemporaryDir tmp_;
};

QTEST_GUILESS_MAIN(TestCliHealth)
#include "test_cli_health.moc"
