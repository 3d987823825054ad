// `backprop compare` end to end on the spiral example: one metrics file per run, a summary CSV
// and table, the same initial weights (epoch-1 curves differ only by the varied setting), a
// diverging run marked while the others finish (exit 0), every run diverging (exit 1), bad
// input (exit 2), seeds with mean ± std, and a result that equals `train` of the same config.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "engine/io/project.h"
#include "tests/cli/cli_runner.h"

using namespace bp;
using namespace bp::test;

namespace {

QStringList csv_lines(const QString& path) {
  QStringList lines = read_text(path).split('\n', Qt::SkipEmptyParts);
  return lines;
}

}  // namespace

class TestCliCompare : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(backprop_path()), qPrintable(backprop_path()));
    QVERIFY(tmp_.isValid());
  }

  void compares_optimizers_with_metrics_and_summary() {
    const QString out = tmp_.filePath("opt");
    const CliResult r = run_cli({"compare", example_path("spiral"), "--vary",
                                 "optimizer=SGD(lr=0.1),SGD(lr=0.1,momentum=0.9),Adam(lr=0.01)",
                                 "--epochs", "8", "--target", "0.6", "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("optimizer=SGD(lr=0.1,momentum=0.9)"), qPrintable(r.out));
    QVERIFY(r.out.contains("final acc"));
    const QStringList dirs = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QCOMPARE(dirs.size(), 3);
    QStringList first_losses;
    for (const QString& d : dirs) {
      const QStringList lines = csv_lines(out + "/" + d + "/metrics.csv");
      QCOMPARE(lines.size(), 9);  // header + 8 epochs
      QCOMPARE(lines[0],
               QString("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds"));
      first_losses << lines[1].section(',', 1, 1);
    }
    // three different optimizers: three different first-epoch curves
    QVERIFY(first_losses[0] != first_losses[1] && first_losses[1] != first_losses[2]);
    const QStringList summary = csv_lines(out + "/summary.csv");
    QCOMPARE(summary.size(), 4);
    QVERIFY(summary[0].startsWith("run,seed,metric,source,epochs,final,best"));
    for (int i = 1; i < 4; ++i) {
      QVERIFY2(summary[i].contains(",accuracy,validation,8,"), qPrintable(summary[i]));
      QVERIFY(summary[i].endsWith(",finished,"));
    }
  }

  void a_run_equals_train_with_the_same_configuration() {
    // compare's SGD(lr=0.1) run vs `train --reinit` of the project with SGD lr 0.1
    Project p = read_project(example_path("spiral").toStdString());
    p.training.optimizer = OptimizerConfig{};
    p.training.optimizer.kind = OptimizerKind::SGD;
    p.training.optimizer.lr = 0.1f;
    const QString project = tmp_.filePath("spiral-sgd.json");
    write_project(p, project.toStdString());
    const QString cmp = tmp_.filePath("same-cmp"), alone = tmp_.filePath("same-alone");
    CliResult r = run_cli(
        {"compare", project, "--vary", "lr=0.1,0.5", "--epochs", "5", "--out", cmp, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"train", project, "--reinit", "--epochs", "5", "--out", alone, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    auto without_seconds = [](const QString& path) {
      QStringList out;
      for (const QString& line : csv_lines(path)) out << line.section(',', 0, 5);
      return out;
    };
    const QStringList a = without_seconds(alone + "/metrics.csv");
    const QStringList b = without_seconds(cmp + "/01_lr=0.1/metrics.csv");
    QCOMPARE(b.size(), 6);
    QCOMPARE(a, b);
    QVERIFY(without_seconds(cmp + "/02_lr=0.5/metrics.csv") != a);
  }

  void from_weights_starts_every_run_from_the_trained_network() {
    // Train 5 epochs, then compare with learning rates too small to move the weights: with
    // --from-weights the runs' validation loss is the trained model's; without, the
    // initialization's.
    const QString trained = tmp_.filePath("fw-trained");
    CliResult r = run_cli({"train", example_path("spiral"), "--reinit", "--epochs", "5", "--out",
                           trained, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const double trained_val =
        csv_lines(trained + "/metrics.csv").last().section(',', 3, 3).toDouble();
    const QString model = trained + "/model.json";
    auto first_val = [&](const QString& out, bool from_weights) {
      QStringList args{"compare", model,   "--vary", "lr=1e-9,1e-8", "--epochs",
                       "1",       "--out", out,      "--quiet"};
      if (from_weights) args << "--from-weights";
      const CliResult c = run_cli(args);
      if (c.exit_code != 0) qWarning("%s", qPrintable(describe(c)));
      const QStringList lines = csv_lines(out + "/01_lr=1e-9/metrics.csv");
      return lines.size() == 2 ? lines.last().section(',', 3, 3).toDouble() : -1.0;
    };
    const double from_trained = first_val(tmp_.filePath("fw-from"), true);
    const double from_init = first_val(tmp_.filePath("fw-init"), false);
    QVERIFY2(std::fabs(from_trained - trained_val) <= 1e-5 * std::fabs(trained_val),
             qPrintable(QString("from weights %1, trained %2").arg(from_trained).arg(trained_val)));
    QVERIFY2(std::fabs(from_init - trained_val) > 1e-3,
             qPrintable(QString("from init %1, trained %2").arg(from_init).arg(trained_val)));
    // an untrained project has nothing to start from: exit 2 with the way out
    r = run_cli({"compare", example_path("spiral"), "--from-weights", "--vary", "lr=0.1,0.5"});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("no trained weights"), qPrintable(describe(r)));
  }

  void a_diverging_run_is_marked_and_the_others_finish() {
    const QString out = tmp_.filePath("div");
    CliResult r = run_cli({"compare", example_path("spiral"), "--vary", "lr=0.01,100000",
                           "--epochs", "4", "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("diverged"), qPrintable(r.out));
    const QStringList summary = csv_lines(out + "/summary.csv");
    QVERIFY(summary[1].contains(",finished,"));
    QVERIFY(summary[2].contains(",diverged,"));
    // every run diverging is a failed comparison
    r = run_cli({"compare", example_path("spiral"), "--vary", "lr=100000,1000000", "--epochs", "3",
                 "--out", tmp_.filePath("div2"), "--quiet"});
    QVERIFY2(r.exit_code == 1, qPrintable(describe(r)));
    QVERIFY(r.err.contains("no run finished"));
  }

  void seeds_give_mean_and_std() {
    const QString out = tmp_.filePath("seeds");
    const CliResult r = run_cli({"compare", example_path("xor"), "--vary", "batch_size=4,32",
                                 "--seeds", "2", "--epochs", "3", "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains("over 2 seeds"));
    QVERIFY(r.out.contains("±"));
    QCOMPARE(csv_lines(out + "/summary.csv").size(), 5);
  }

  void bad_input_exits_2() {
    const QString spiral = example_path("spiral");
    for (const QStringList& args :
         {QStringList{"compare", spiral}, QStringList{"compare", spiral, "--vary", "colour=red"},
          QStringList{"compare", spiral, "--vary", "optimizer=Adamm"},
          QStringList{"compare", spiral, "--vary", "lr=-1"},
          QStringList{"compare", spiral, "--vary", "optimizer=Adam(momentum=0.9)"},
          QStringList{"compare", spiral, "--vary", "dropout=0.1,0.2"},
          QStringList{"compare", "missing.json", "--vary", "lr=0.1"}}) {
      const CliResult r = run_cli(args);
      QVERIFY2(r.exit_code == 2, qPrintable(args.join(' ') + "\n" + describe(r)));
      QVERIFY2(r.err.startsWith("backprop: "), qPrintable(r.err));
    }
    const CliResult adamm = run_cli({"compare", spiral, "--vary", "optimizer=Adamm"});
    QVERIFY2(adamm.err.contains("did you mean 'Adam'"), qPrintable(adamm.err));
    const CliResult help = run_cli({"compare", "--help"});
    QCOMPARE(help.exit_code, 0);
    QVERIFY(help.out.contains("usage: backprop compare"));
  }

 private:
  QTemporaryDir tmp_;
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "test_cli_compare.moc"
