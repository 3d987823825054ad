// `backprop train` keeps trained work: a project with weights continues from them (30 epochs =
// 15 + 15, bitwise, through model.json), --reinit starts from the seed, SIGTERM in the middle of
// a run saves the state (exit 3) and --resume finishes it exactly as a run that never stopped,
// and a finite divergence is a failure (exit 1).
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <cstring>

#include "engine/io/project.h"
#include "tests/cli/cli_runner.h"

using namespace bp::test;

namespace {

bool bitwise_equal(const bp::Project& a, const bp::Project& b) {
  if (a.weights.size() != b.weights.size() || a.weights.empty()) return false;
  for (const auto& [name, values] : a.weights) {
    auto it = b.weights.find(name);
    if (it == b.weights.end() || it->second.size() != values.size()) return false;
    if (std::memcmp(values.data(), it->second.data(), values.size() * sizeof(float)) != 0)
      return false;
  }
  return true;
}

bp::Project model_in(const QString& dir) {
  return bp::read_project((dir + "/model.json").toStdString());
}

QStringList csv_rows(const QString& dir) {
  return read_text(dir + "/metrics.csv").split('\n', Qt::SkipEmptyParts);
}

// A spiral project with dropout and Adam + a cosine schedule, written to `dir`.
QString write_project(const QString& dir, int epochs) {
  bp::Project p = bp::read_project(example_path("spiral").toStdString());
  p.training.optimizer = bp::default_optimizer_config(bp::OptimizerKind::Adam);
  p.training.optimizer.lr = 0.01f;
  p.training.schedule.kind = bp::ScheduleKind::CosineAnnealingLR;
  p.training.schedule.T_max = 20;
  p.training.epochs = epochs;
  p.dataset.samples = 200;
  bp::NodeSpec drop;
  drop.kind = bp::NodeKind::Dropout;
  drop.params.p = 0.1f;
  drop.id = p.network.next_node_id();
  drop.name = "drop";
  // Between the first hidden layer and its consumer.
  const int first = p.network.nodes[1].id;
  for (auto& e : p.network.edges)
    if (e.from == first) e.from = drop.id;
  p.network.nodes.push_back(drop);
  bp::EdgeSpec e;
  e.id = p.network.next_edge_id();
  e.from = first;
  e.to = drop.id;
  p.network.edges.push_back(e);
  const QString path = dir + "/project.json";
  bp::write_project(p, path.toStdString());
  return path;
}

}  // namespace

class TestCliContinue : public QObject {
  Q_OBJECT
 private slots:
  void thirtyEqualsFifteenPlusFifteen() {
    QTemporaryDir tmp;
    const QString project = write_project(tmp.path(), 30);
    const QString whole = tmp.path() + "/whole", a = tmp.path() + "/a", b = tmp.path() + "/b";
    CliResult r = run_cli({"train", project, "--out", whole, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"train", project, "--epochs", "15", "--out", a, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"train", a + "/model.json", "--epochs", "15", "--out", b});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("continuing from the project's weights at epoch 15"),
             qPrintable(r.out));
    QVERIFY(bitwise_equal(model_in(whole), model_in(b)));
    // metrics.csv holds the whole history, the same rows as the straight run's (but seconds).
    const QStringList w = csv_rows(whole), c = csv_rows(b);
    QCOMPARE(c.size(), 31);
    for (int i = 1; i < 31; ++i) QCOMPARE(c[i].section(',', 0, 5), w[i].section(',', 0, 5));
    // `evaluate` reads the continued model.
    r = run_cli({"evaluate", b + "/model.json"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
  }

  void lenet5TwoEqualsOnePlusOne() {
    QTemporaryDir tmp;
    bp::Project p = bp::read_project(example_path("lenet5-digits").toStdString());
    p.dataset.max_train = 400;
    p.dataset.max_test = 100;
    p.training.epochs = 2;
    const QString project = tmp.path() + "/lenet.json";
    bp::write_project(p, project.toStdString());
    const QString whole = tmp.path() + "/whole", a = tmp.path() + "/a", b = tmp.path() + "/b";
    QVERIFY(run_cli({"train", project, "--out", whole, "--quiet"}).exit_code == 0);
    QVERIFY(run_cli({"train", project, "--epochs", "1", "--out", a, "--quiet"}).exit_code == 0);
    const CliResult r = run_cli({"train", a + "/model.json", "--epochs", "1", "--out", b});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY(bitwise_equal(model_in(whole), model_in(b)));
  }

  void reinitStartsFromTheSeed() {
    QTemporaryDir tmp;
    const QString project = write_project(tmp.path(), 5);
    const QString a = tmp.path() + "/a", b = tmp.path() + "/b", c = tmp.path() + "/c";
    QVERIFY(run_cli({"train", project, "--out", a, "--quiet"}).exit_code == 0);
    QVERIFY(run_cli({"train", a + "/model.json", "--reinit", "--out", b, "--quiet"}).exit_code ==
            0);
    QVERIFY(run_cli({"train", a + "/model.json", "--out", c, "--quiet"}).exit_code == 0);
    QVERIFY(bitwise_equal(model_in(a), model_in(b)));   // the same 5 epochs from the seed
    QVERIFY(!bitwise_equal(model_in(a), model_in(c)));  // 5 more
    QCOMPARE(model_in(c).training_state->epoch, 10);
  }

  void sigtermSavesStateAndResumeFinishesBitwise() {
    QTemporaryDir tmp;
    const QString project = write_project(tmp.path(), 20000);
    const QString whole = tmp.path() + "/whole", cut = tmp.path() + "/cut";
    QProcess p;
    p.start(backprop_path(), {"train", project, "--out", cut});
    QVERIFY(p.waitForStarted(10000));
    // The signal comes in the middle of the run, whatever the machine's speed: after epoch 50
    // was reported and long before epoch 20000.
    QByteArray out;
    while (!out.contains("epoch 50/") && p.state() == QProcess::Running) {
      p.waitForReadyRead(1000);
      out += p.readAllStandardOutput();
    }
    QVERIFY2(p.state() == QProcess::Running, out.right(500).constData());
    ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitCode() == 3, qPrintable(err));
    QVERIFY2(err.contains("--resume"), qPrintable(err));
    const bp::Project saved = model_in(cut);
    QVERIFY(saved.training_state.has_value());
    const int cut_epoch = saved.training_state->epoch;
    QVERIFY(cut_epoch >= 50 && cut_epoch < 20000);
    QCOMPARE(csv_rows(cut).size(), static_cast<qsizetype>(cut_epoch) + 1);  // a consistent pair
    QVERIFY(QDir(cut).entryList({"*.tmp*"}, QDir::Files).isEmpty());

    CliResult r = run_cli({"train", "--resume", cut, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"train", project, "--out", whole, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QCOMPARE(model_in(cut).training_state->epoch, 20000);
    QVERIFY(bitwise_equal(model_in(whole), model_in(cut)));
  }

  void orphanTemporariesOfAKilledWriterAreRemoved() {
    QTemporaryDir tmp;
    const QString project = write_project(tmp.path(), 2);
    const QString out = tmp.path() + "/out";
    QDir().mkpath(out);
    for (const char* name : {"/model.json.tmp-k1lled00", "/metrics.csv.tmp-k1lled00"}) {
      QFile f(out + name);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("{half a file");
    }
    const CliResult r = run_cli({"train", project, "--out", out, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QCOMPARE(QDir(out).entryList(QDir::Files).size(), 2);  // model.json and metrics.csv
  }

  void finiteDivergenceFails() {
    QTemporaryDir tmp;
    bp::Project p = bp::read_project(example_path("spiral").toStdString());
    p.training.optimizer = bp::default_optimizer_config(bp::OptimizerKind::SGD);
    p.training.optimizer.lr = 1e6f;
    const QString path = tmp.path() + "/diverging.json";
    bp::write_project(p, path.toStdString());
    const CliResult r = run_cli({"train", path, "--out", tmp.path() + "/out", "--quiet"});
    QVERIFY2(r.exit_code == 1, qPrintable(describe(r)));
    QVERIFY2(r.err.contains("diverged"), qPrintable(describe(r)));
  }
};

QTEST_GUILESS_MAIN(TestCliContinue)
#include "test_cli_continue.moc"
