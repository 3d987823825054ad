// The launcher's standard output belongs to the command: `./studio run --cli evaluate P` prints
// exactly what `backprop evaluate P` prints (one JSON object), while the setup and build chatter
// (dpkg checks, cmake, ninja's "Re-checking globbed directories", "no work to do") goes to
// standard error — so `./studio run --cli evaluate P | jq .` works. Runs the launcher against
// this very build (BP_BUILD_DIR), so ninja finds nothing to do.
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/backend/cpu/cpu_backend.h"
#include "engine/graph/model.h"
#include "engine/io/project.h"

using namespace bp;

namespace {

struct Run {
  int exit_code = -1;
  QByteArray out, err;
};

Run run(const QString& program, const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("BP_BUILD_DIR", QDir(QString(BP_BIN_DIR) + "/..").absolutePath());
  p.setProcessEnvironment(env);
  p.start(program, args);
  Run r;
  if (!p.waitForFinished(300000)) {
    p.kill();
    p.waitForFinished(5000);
  }
  r.exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  return r;
}

QByteArray describe(const Run& r) {
  return "exit " + QByteArray::number(r.exit_code) + "\n--- stdout:\n" + r.out.right(2000) +
         "\n--- stderr:\n" + r.err.right(2000);
}

}  // namespace

class TestLauncherStdout : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void cli_stdout_is_the_commands_own() {
    // A project with weights (the spiral example's network at its seed's initialization).
    Project p = read_project(std::string(BP_SOURCE_DIR) + "/resources/examples/spiral.json");
    CpuBackend backend;
    Model model(p.network, backend, 1);
    p.weights = model.params().to_host(backend);
    const QString project = tmp_.filePath("spiral-weights.json");
    write_project(p, project.toStdString());

    const Run direct = run(QString(BP_BIN_DIR) + "/backprop", {"evaluate", project});
    QVERIFY2(direct.exit_code == 0, describe(direct).constData());
    const Run launched =
        run(QString(BP_SOURCE_DIR) + "/studio", {"run", "--cli", "evaluate", project});
    QVERIFY2(launched.exit_code == 0, describe(launched).constData());

    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(launched.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError && json.isObject(),
             ("stdout of ./studio run --cli evaluate is not one JSON object (" +
              error.errorString().toUtf8() + ")\n" + describe(launched))
                 .constData());
    QVERIFY2(json.object().value("samples").toInt() > 0, launched.out.constData());
    QCOMPARE(launched.out, direct.out);
  }

  void packages_prints_only_package_names() {
    for (const QStringList& args : {QStringList{"packages"}, QStringList{"packages", "--test"}}) {
      const Run r = run(QString(BP_SOURCE_DIR) + "/studio", args);
      QVERIFY2(r.exit_code == 0, describe(r).constData());
      const QList<QByteArray> names = r.out.trimmed().split('\n');
      QVERIFY2(!names.isEmpty() && !names.first().isEmpty(), describe(r).constData());
      for (const QByteArray& name : names)
        QVERIFY2(QRegularExpression("^[a-z0-9][a-z0-9.+-]+$").match(QString(name)).hasMatch(),
                 describe(r).constData());
    }
  }
};

QTEST_GUILESS_MAIN(TestLauncherStdout)
#include "test_launcher_stdout.moc"
