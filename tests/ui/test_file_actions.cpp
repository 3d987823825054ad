// File actions: save -> open round trip in a temporary directory, atomic save (no temp files
// left, a failed save changes nothing), window title and modified marker, recent files, and
// the autosave recovery copy.
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

#include "ui/document/commands/add_node.h"
#include "ui/document/project_document.h"
#include "ui/main_window/autosave.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/starter_project.h"

using namespace bp;
using namespace bp::ui;

class TestFileActions : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // settings and app data go to a test location
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("file-actions-test");
  }

  void saveOpenRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppSettings settings;
    QWidget window;
    ProjectDocument doc;
    FileActions files(&doc, &window, &settings);
    files.openProject(builtin_spiral_project());
    NodeSpec extra;
    extra.kind = NodeKind::Dropout;
    extra.x = 250;
    doc.undoStack()->push(new AddNode(&doc, extra));
    QVERIFY(doc.isModified());
    QVERIFY(window.isWindowModified());

    const QString path = dir.filePath("spiral.json");
    QString error;
    QVERIFY2(files.saveTo(path, &error), qPrintable(error));
    QVERIFY(!doc.isModified());
    QVERIFY(!window.isWindowModified());
    QCOMPARE(doc.filePath(), path);
    QCOMPARE(window.windowTitle(), QString("spiral.json[*] — Backprop Studio"));
    QCOMPARE(settings.recentFiles().value(0), path);
    // Atomic save: only the project is left in the directory, no temporary files.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"spiral.json"});

    ProjectDocument doc2;
    FileActions files2(&doc2, nullptr, &settings);
    QVERIFY2(files2.openPath(path, &error), qPrintable(error));
    QVERIFY(doc2.network() == doc.network());
    QCOMPARE(doc2.project().name, doc.project().name);
    QVERIFY(!doc2.isModified());
    QCOMPARE(doc2.undoStack()->count(), 0);
  }

  void failedSaveChangesNothing() {
    QTemporaryDir dir;
    AppSettings settings;
    ProjectDocument doc;
    FileActions files(&doc, nullptr, &settings);
    files.openProject(builtin_spiral_project());
    doc.undoStack()->push(new AddNode(&doc, NodeSpec{}));
    QString error;
    QVERIFY(!files.saveTo(dir.filePath("no/such/dir/x.json"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(doc.isModified());
    QVERIFY(doc.filePath().isEmpty());
  }

  void openMissingFileReportsPath() {
    AppSettings settings;
    ProjectDocument doc;
    FileActions files(&doc, nullptr, &settings);
    files.openProject(builtin_spiral_project());
    const NetworkSpec before = doc.network();
    QString error;
    QVERIFY(!files.openPath("/nonexistent/dir/missing.json", &error));
    QVERIFY2(error.contains("missing.json"), qPrintable(error));
    QVERIFY(doc.network() == before);
  }

  // The Examples menu and the first launch read these; every one must parse.
  void bundledExamplesParse() {
    const QStringList names = QDir(":/examples").entryList({"*.json"}, QDir::Files);
    QVERIFY2(!names.isEmpty(), "no examples are bundled (resources/examples via the .qrc)");
    for (const QString& name : names) {
      QFile f(":/examples/" + name);
      QVERIFY(f.open(QIODevice::ReadOnly));
      try {
        const Project p = parse_project(f.readAll().toStdString(), name.toStdString());
        QVERIFY2(!p.network.nodes.empty(), qPrintable(name));
      } catch (const std::exception& e) {
        QFAIL(qPrintable(name + ": " + QString::fromUtf8(e.what())));
      }
    }
    if (QFile::exists(":/examples/spiral.json")) {
      const Project starter = starter_project();
      QVERIFY(!starter.network.nodes.empty());
      QCOMPARE(starter.dataset.toy, ToyKind::Spiral);
    }
  }

  void autosaveRecoveryCopy() {
    ProjectDocument doc;
    doc.reset(builtin_spiral_project(), {});
    Autosave autosave(&doc);
    autosave.discard();
    QVERIFY(!autosave.writeNow());  // nothing to save while unmodified
    doc.undoStack()->push(new AddNode(&doc, NodeSpec{}));
    QVERIFY(autosave.writeNow());
    QVERIFY(QFileInfo::exists(autosave.recoveryPath()));
    QVERIFY(autosave.recoveryPath().startsWith(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    const NetworkSpec edited = doc.network();

    ProjectDocument restored;
    restored.reset(builtin_spiral_project(), {});
    Autosave autosave2(&restored);
    QVERIFY(autosave2.hasRecovery());
    QVERIFY(autosave2.restore());
    QVERIFY(restored.network() == edited);
    QVERIFY(restored.isModified());  // restored work is not on disk yet
    autosave2.discard();
    QVERIFY(!autosave2.hasRecovery());
  }
};

QTEST_MAIN(TestFileActions)
#include "test_file_actions.moc"
