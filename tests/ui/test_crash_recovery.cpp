// A kill -9 in the middle of training loses at most the last autosave interval: the studio's
// recovery copy holds the running trainer's latest checkpoint (weights + training state), and
// restoring it continues from those epochs.
#include <QApplication>
#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/io/project.h"
#include "tests/ui/training_test_util.h"
#include "ui/document/project_document.h"
#include "ui/main_window/autosave.h"
#include "ui/training/training_controller.h"

namespace {

// The newest readable recovery copy under `dir` with a training state, if any.
std::optional<bp::Project> recovery_copy(const QString& dir) {
  QDirIterator it(dir, {"*.json"}, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    if (!path.contains("/recovery/")) continue;
    try {
      bp::Project p = bp::read_project(path.toStdString());
      if (p.training_state) return p;
    } catch (const std::exception&) {
      // being replaced right now (never half-written: atomic), try again later
    }
  }
  return std::nullopt;
}

}  // namespace

class TestCrashRecovery : public QObject {
  Q_OBJECT
 private slots:
  void killDuringTrainingKeepsTheEpochs() {
    QTemporaryDir tmp;
    bp::Project project = bp::test::toy_project(bp::ToyKind::Spiral, 0.01f);
    const QString project_path = tmp.path() + "/spiral.json";
    bp::write_project(project, project_path.toStdString());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("HOME", tmp.path());
    env.insert("XDG_DATA_HOME", tmp.path() + "/data");
    env.insert("XDG_CONFIG_HOME", tmp.path() + "/config");
    QProcess studio;
    studio.setProcessEnvironment(env);
    studio.start(QString(BP_BIN_DIR) + "/backprop-studio",
                 {"--play", "--autosave-interval", "0.5", project_path});
    QVERIFY(studio.waitForStarted(10000));
    std::optional<bp::Project> copy;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 90000) {
      copy = recovery_copy(tmp.path() + "/data");
      if (copy && copy->training_state->epoch >= 20) break;
      QTest::qWait(200);
      QVERIFY2(studio.state() == QProcess::Running,
               qPrintable(QString::fromUtf8(studio.readAllStandardError())));
    }
    studio.kill();  // SIGKILL: no chance to save anything
    QVERIFY(studio.waitForFinished(10000));
    copy = recovery_copy(tmp.path() + "/data");
    QVERIFY2(copy && copy->training_state->epoch >= 20, "no recovery copy with 20 epochs");
    const int epochs = copy->training_state->epoch;
    QCOMPARE(static_cast<int>(copy->training_state->history.size()), epochs);

    // A new session restores it: the document has those weights and that state, and the run
    // continues from them.
    qputenv("XDG_DATA_HOME", (tmp.path() + "/data").toUtf8());
    bp::ui::ProjectDocument doc;
    doc.reset(bp::read_project(project_path.toStdString()), project_path);
    bp::ui::Autosave autosave(&doc);
    QVERIFY(autosave.hasRecovery());
    QVERIFY(autosave.restore());
    QVERIFY(doc.trainState().has_value());
    QVERIFY(doc.trainState()->epoch >= epochs);
    bp::ui::TrainingController ctrl(&doc);
    QSignalSpy snaps(&ctrl, &bp::ui::TrainingController::snapshotReady);
    ctrl.preview();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() >= 1, 10000);
    QVERIFY(ctrl.lastSnapshot()->epoch >= epochs);
    QCOMPARE(ctrl.lastSnapshot()->weights, doc.weights());
  }
};

int main(int argc, char** argv) {
  // The studio's names: Autosave finds the copy where the studio wrote it.
  QApplication::setOrganizationName("Backprop Studio");
  QApplication::setApplicationName("Backprop Studio");
  QApplication app(argc, argv);
  TestCrashRecovery test;
  return QTest::qExec(&test, argc, argv);
}
#include "test_crash_recovery.moc"
