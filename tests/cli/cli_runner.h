#pragma once
// Runs the built `backprop` executable (BP_BIN_DIR) for the CLI tests and reads what it wrote.
#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

#include "engine/io/project.h"

namespace bp::test {

struct CliResult {
  int exit_code = -1;
  bool crashed = false;
  QString out, err;
};

inline QString backprop_path() {
  return QString(BP_BIN_DIR) + "/backprop";
}
inline QString source_path(const QString& relative) {
  return QString(BP_SOURCE_DIR) + "/" + relative;
}
inline QString example_path(const QString& name) {
  return source_path("resources/examples/" + name + ".json");
}

inline CliResult run_cli(const QStringList& args, int timeout_ms = 240000,
                         const QString& program = backprop_path()) {
  QProcess p;
  p.start(program, args);
  CliResult r;
  if (!p.waitForStarted(10000)) {
    r.err = "could not start " + program;
    return r;
  }
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished(5000);
    r.err = "timed out";
  }
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.exit_code = r.crashed ? -1 : p.exitCode();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err += QString::fromUtf8(p.readAllStandardError());
  return r;
}

inline QString describe(const CliResult& r) {
  return QString("exit %1%2\n--- stdout:\n%3\n--- stderr:\n%4")
      .arg(r.exit_code)
      .arg(r.crashed ? " (crashed)" : "")
      .arg(r.out.right(3000), r.err.right(3000));
}

inline QJsonObject parse_json_line(const QString& text) {
  return QJsonDocument::fromJson(text.trimmed().toUtf8()).object();
}

inline QString read_text(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

}  // namespace bp::test
