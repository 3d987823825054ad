// The `backprop` CLI end to end on the toy examples: each trains to its stated accuracy (or loss
// bound) and `evaluate` confirms it from model.json; metrics.csv, info, --seeds, bad inputs
// (exit 2), a diverging run (exit 1), a model written by an outside Python script, and the points
// added by clicking the studio's plane.
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/io/project.h"
#include "tests/cli/cli_runner.h"
#include "tests/common/oracle.h"

using namespace bp;
using namespace bp::test;

class TestCliToy : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(backprop_path()), qPrintable(backprop_path()));
    QVERIFY(tmp_.isValid());
  }

  void help_on_every_command() {
    CliResult r = run_cli({"--help"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY(r.out.contains("train") && r.out.contains("evaluate") && r.out.contains("info"));
    for (const QString cmd : {"train", "evaluate", "info"}) {
      r = run_cli({cmd, "--help"});
      QVERIFY2(r.exit_code == 0 && r.out.contains("usage: backprop " + cmd),
               qPrintable(describe(r)));
    }
    r = run_cli({});
    QCOMPARE(r.exit_code, 2);
    r = run_cli({"fly", "x.json"});
    QCOMPARE(r.exit_code, 2);
    QVERIFY(r.err.contains("unknown command 'fly'"));
  }

  void toy_examples_train_to_their_stated_accuracy_data() {
    QTest::addColumn<QString>("name");
    for (const char* n : {"xor", "spiral", "circle", "moons", "blobs4", "sine"})
      QTest::newRow(n) << QString(n);
  }
  void toy_examples_train_to_their_stated_accuracy() {
    QFETCH(QString, name);
    const Project project = read_project(example_path(name).toStdString());
    const QString out = tmp_.filePath("toy-" + name);
    CliResult r = run_cli({"train", example_path(name), "--out", out});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    // One line per epoch (stdout is not a terminal here), then the test metrics.
    const int epochs = project.training.epochs;
    QVERIFY2(r.out.contains(QString("epoch 1/%1  loss ").arg(epochs)), qPrintable(describe(r)));
    QVERIFY2(r.out.contains(QString("epoch %1/%1  loss ").arg(epochs)) ||
                 r.out.contains("early stopping"),
             qPrintable(describe(r)));
    QVERIFY(r.out.contains("test  loss "));

    // metrics.csv: the header (7 metrics, then a gradient norm per parameter) and one row per
    // epoch.
    const QStringList lines = read_text(out + "/metrics.csv").split('\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    const QStringList columns = lines[0].split(',');
    QCOMPARE(columns.mid(0, 7).join(','),
             QString("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,seconds"));
    QStringList norms;
    for (const auto& [param, shape] : parameter_shapes(project.network))
      norms << QString("grad_norm.%1").arg(param.c_str());
    QStringList written = columns.mid(7);
    written.sort();
    QCOMPARE(written, norms);  // one per parameter (toy nets have no buffers)
    const int fields = static_cast<int>(columns.size());
    QVERIFY(lines.size() >= 2 && lines.size() <= epochs + 1);
    for (int i = 1; i < lines.size(); ++i) {
      const QStringList f = lines[i].split(',');
      QCOMPARE(f.size(), fields);
      for (int k = 7; k < fields; ++k) {
        bool norm_ok = false;
        QVERIFY2(f[k].toDouble(&norm_ok) >= 0.0 && norm_ok, qPrintable(lines[i]));
      }
      QCOMPARE(f[0].toInt(), i);
      bool ok = false;
      f[1].toDouble(&ok);
      QVERIFY2(ok, qPrintable(lines[i]));
    }

    // evaluate reads the trained model.json and reaches what the project states.
    r = run_cli({"evaluate", out + "/model.json"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const QJsonObject m = parse_json_line(r.out);
    QVERIFY2(m.contains("loss") && m.contains("samples"), qPrintable(r.out));
    QVERIFY(m["samples"].toInt() > 0);
    if (project.expected_test_accuracy > 0.0)
      QVERIFY2(m["accuracy"].toDouble() >= project.expected_test_accuracy,
               qPrintable(QString("%1: test accuracy %2 < stated %3")
                              .arg(name)
                              .arg(m["accuracy"].toDouble())
                              .arg(project.expected_test_accuracy)));
    if (project.expected_test_loss > 0.0)
      QVERIFY2(m["loss"].toDouble() <= project.expected_test_loss,
               qPrintable(QString("%1: test loss %2 > stated %3")
                              .arg(name)
                              .arg(m["loss"].toDouble())
                              .arg(project.expected_test_loss)));
    // The saved project is the input project plus weights.
    const Project trained = read_project((out + "/model.json").toStdString());
    QVERIFY(trained.network == project.network);
    QVERIFY(!trained.weights.empty());
  }

  void info_lists_nodes_shapes_and_parameters() {
    const CliResult r = run_cli({"info", example_path("spiral")});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY(r.out.contains(QRegularExpression("fc1\\s+Linear\\s+\\(16\\)\\s+48")));
    QVERIFY(r.out.contains(QRegularExpression("fc3\\s+Linear\\s+\\(2\\)\\s+34")));
    QVERIFY(r.out.contains("total parameters: 354"));
  }

  void seeds_report_mean_and_std() {
    const QString out = tmp_.filePath("seeds");
    const CliResult r = run_cli({"train", example_path("xor"), "--out", out, "--seeds", "2",
                                 "--epochs", "5", "--seed", "7", "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY(QFile::exists(out + "/seed-7/metrics.csv"));
    QVERIFY(QFile::exists(out + "/seed-8/metrics.csv"));
    QVERIFY(QFile::exists(out + "/seed-8/model.json"));
    QVERIFY2(r.out.contains("mean ± standard deviation"), qPrintable(describe(r)));
    QVERIFY(!r.out.contains("epoch 1/5"));  // --quiet
    const QJsonObject summary = parse_json_line(read_text(out + "/summary.json"));
    QCOMPARE(summary["seeds"].toInt(), 2);
    QVERIFY(summary["test_accuracy"].toObject().contains("std"));
    QCOMPARE(read_text(out + "/seed-8/metrics.csv").split('\n', Qt::SkipEmptyParts).size(), 6);
  }

  void extra_points_are_trained_on_and_kept() {
    // The points added by clicking the studio's plane: `train` trains on them as the studio
    // does (the same seed without them gives other weights) and model.json keeps them.
    Project p = read_project(example_path("xor").toStdString());
    p.training.epochs = 3;
    const QString plain = tmp_.filePath("xor-plain.json");
    write_project(p, plain.toStdString());
    p.dataset.extra_points = {{3.0f, 3.0f, 1.0f}, {-3.0f, 2.5f, 0.0f}, {2.5f, -2.5f, 1.0f}};
    const QString added = tmp_.filePath("xor-added.json");
    write_project(p, added.toStdString());
    const QString out_plain = tmp_.filePath("xor-plain-out"), out_added = tmp_.filePath("xor-out");
    CliResult r = run_cli({"train", plain, "--out", out_plain, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"train", added, "--out", out_added, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const Project a = read_project((out_plain + "/model.json").toStdString());
    const Project b = read_project((out_added + "/model.json").toStdString());
    QCOMPARE(b.dataset.extra_points, p.dataset.extra_points);
    QVERIFY(a.dataset.extra_points.empty());
    QVERIFY(!a.weights.empty() && !b.weights.empty());
    QVERIFY2(a.weights != b.weights, "training ignored the added points");
    // A label that is not one of the toy set's classes: exit 2, the message names the point.
    QString text = read_text(added);
    QVERIFY2(text.contains("[3, 3, 1]"), qPrintable(text));
    text.replace("[3, 3, 1]", "[3, 3, 2]");
    r = run_cli({"train", write_file("bad-point.json", text), "--out", tmp_.filePath("bad-out")});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("dataset.extra_points[0]: the label 2 is not a class of the toy set "
                            "'xor' (class indices 0..1)"),
             qPrintable(describe(r)));
  }

  void augmentation_is_applied() {
    // The dataset's augmentation settings (here: jitter of the 2-D points) reach the trainer:
    // the same seed with jitter gives other weights than without.
    Project p = read_project(example_path("xor").toStdString());
    p.training.epochs = 3;
    p.dataset.jitter = 0.0f;
    const QString plain = tmp_.filePath("xor-nojitter.json");
    write_project(p, plain.toStdString());
    p.dataset.jitter = 0.3f;
    const QString jittered = tmp_.filePath("xor-jitter.json");
    write_project(p, jittered.toStdString());
    const QString out_plain = tmp_.filePath("nojitter-out"),
                  out_jitter = tmp_.filePath("jitter-out");
    CliResult r = run_cli({"train", plain, "--out", out_plain, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"train", jittered, "--out", out_jitter, "--quiet"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const Project a = read_project((out_plain + "/model.json").toStdString());
    const Project b = read_project((out_jitter + "/model.json").toStdString());
    QVERIFY(!a.weights.empty() && !b.weights.empty());
    QVERIFY2(a.weights != b.weights, "training ignored the jitter augmentation");
  }

  void same_seed_same_result() {
    const QString a = tmp_.filePath("det-a"), b = tmp_.filePath("det-b");
    QCOMPARE(
        run_cli({"train", example_path("moons"), "--out", a, "--epochs", "3", "--quiet"}).exit_code,
        0);
    QCOMPARE(
        run_cli({"train", example_path("moons"), "--out", b, "--epochs", "3", "--quiet"}).exit_code,
        0);
    const Project pa = read_project((a + "/model.json").toStdString());
    const Project pb = read_project((b + "/model.json").toStdString());
    QVERIFY(pa.weights == pb.weights);
  }

  void bad_inputs_exit_2_with_a_message() {
    // Missing file.
    CliResult r = run_cli({"train", tmp_.filePath("nope.json")});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("cannot open project"), qPrintable(describe(r)));
    QCOMPARE(r.err.count('\n'), 1);  // one line
    // Corrupt JSON.
    const QString corrupt = write_file(
        "corrupt.json", "{\"format\": \"backprop-studio-project\",\n  \"version\": 1,,}");
    for (const QString cmd : {"train", "evaluate", "info"}) {
      r = run_cli({cmd, corrupt});
      QCOMPARE(r.exit_code, 2);
      QVERIFY2(r.err.contains("line 2, column") && r.err.contains("not valid JSON"),
               qPrintable(describe(r)));
    }
    // Unknown key.
    QString text = read_text(example_path("xor"));
    text.replace("\"out_features\": 8", "\"out_feature\": 8");
    r = run_cli({"train", write_file("typo.json", text)});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("did you mean 'out_features'"), qPrintable(describe(r)));
    // Invalid network: a second, unconnected output.
    Project p = read_project(example_path("xor").toStdString());
    NodeSpec extra = p.network.nodes.back();
    extra.id = 99;
    extra.name = "dangling";
    p.network.nodes.push_back(extra);
    p.network.edges.push_back({99, 1, 99, 0});
    const QString invalid = tmp_.filePath("invalid.json");
    write_project(p, invalid.toStdString());
    r = run_cli({"info", invalid});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("dangling") && r.err.contains("not valid"), qPrintable(describe(r)));
    r = run_cli({"train", invalid, "--out", tmp_.filePath("invalid-out")});
    QCOMPARE(r.exit_code, 2);
    // Data that does not fit the network's input.
    Project wide = read_project(example_path("xor").toStdString());
    wide.network.nodes[0].params.input_shape = Shape{3};
    const QString wide_path = tmp_.filePath("wide.json");
    write_project(wide, wide_path.toStdString());
    r = run_cli({"train", wide_path, "--out", tmp_.filePath("wide-out")});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("input_shape to [2]"), qPrintable(describe(r)));
    // Unknown option, bad values.
    r = run_cli({"train", example_path("xor"), "--epoch", "3"});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("unknown option '--epoch'") && r.err.contains("--epochs"),
             qPrintable(describe(r)));
    r = run_cli({"train", example_path("xor"), "--epochs", "many"});
    QCOMPARE(r.exit_code, 2);
    QVERIFY(r.err.contains("--epochs expects an integer"));
    r = run_cli({"train"});
    QCOMPARE(r.exit_code, 2);
    QVERIFY(r.err.contains("missing PROJECT"));
    // evaluate needs stored weights.
    r = run_cli({"evaluate", example_path("xor")});
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("no trained weights"), qPrintable(describe(r)));
  }

  void cuda_backend_is_not_available() {
    CliResult r = run_cli({"train", example_path("xor"), "--backend", "cuda", "--epochs", "1",
                           "--out", tmp_.filePath("cuda")});
    if (r.exit_code == 0) QSKIP("this build has a working CUDA backend");
    QCOMPARE(r.exit_code, 2);
    QVERIFY2(r.err.contains("CUDA backend is not available"), qPrintable(describe(r)));
    r = run_cli({"train", example_path("xor"), "--backend", "auto", "--epochs", "2", "--quiet",
                 "--out", tmp_.filePath("auto")});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QCOMPARE(r.err.count("on the CPU"), 1);  // says it falls back, once
  }

  void diverging_training_exits_1() {
    Project p = read_project(example_path("sine").toStdString());
    p.training.optimizer.kind = OptimizerKind::SGD;
    p.training.optimizer.lr = 1e12f;
    p.training.epochs = 20;
    const QString path = tmp_.filePath("diverge.json");
    write_project(p, path.toStdString());
    const CliResult r = run_cli({"train", path, "--out", tmp_.filePath("diverge-out")});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("diverged") && r.err.contains("lower learning rate") &&
                 r.err.contains("clip"),
             qPrintable(describe(r)));
  }

  void model_written_by_a_python_script_is_evaluated() {
    const QString python = QStandardPaths::findExecutable("python3");
    BP_REQUIRE_ORACLE(!python.isEmpty(), "python3 on PATH", "python3");
    const QString model = tmp_.filePath("by-hand.json");
    CliResult r = run_cli({source_path("docs/examples/write_model.py"), model}, 30000, python);
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    r = run_cli({"evaluate", model});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const QJsonObject m = parse_json_line(r.out);
    QVERIFY2(m["samples"].toInt() > 0, qPrintable(r.out));
    QVERIFY2(m["accuracy"].toDouble() >= 0.9, qPrintable(r.out));  // the weights solve XOR
  }

 private:
  QString write_file(const QString& name, const QString& text) {
    const QString path = tmp_.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text.toUtf8());
    return path;
  }
  QTemporaryDir tmp_;
};

BP_ORACLE_TEST_MAIN(TestCliToy)
#include "test_cli_toy.moc"
